/**
 * Keeps the last item for each key, in first-seen order. PostgreSQL refuses an upsert that touches
 * the same row twice in one statement, and "last one wins" is what repeated upserts would do.
 */
export function lastPerKey<T, K>(items: readonly T[], keyOf: (item: T) => K): T[] {
  const byKey = new Map<K, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.values()];
}
