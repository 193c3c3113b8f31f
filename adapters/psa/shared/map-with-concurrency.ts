/**
 * Runs `fn` over `items` with at most `limit` calls in flight and returns the results in input
 * order. Used to fetch batches (e.g. contacts of 100 companies each) in parallel without flooding
 * the PSA.
 *
 *   const pages = await mapWithConcurrency(batches, 4, (batch, index) => fetchBatch(batch));
 *
 * On the first failure no new item starts; the calls already running are awaited (so no request is
 * still in flight when the caller sees the error) and then the first error is thrown.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!(limit >= 1)) throw new RangeError('limit must be at least 1');
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;

  async function worker(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker());
  await Promise.all(workers);
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
