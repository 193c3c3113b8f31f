/**
 * What makes the sandbox fast enough for the bench: records serialised once up front and lookup
 * tables for the fields clients filter by most.
 */
import type { CompiledConditions } from './condition-engine.js';

/** One served collection: its records (sorted by id) and the condition fields it accepts. */
export interface Collection {
  readonly records: readonly object[];
  readonly fields: ReadonlySet<string>;
  readonly childFields: ReadonlySet<string>;
  /** Paths worth an index (see createIndexes). */
  readonly indexed: readonly string[];
}

/**
 * Pages as JSON chunks, projecting `fields=` (top-level names; `a/b` keeps `a`). Each record is
 * serialised once per projection and kept, so a 1,000-record page is one join of cached strings:
 * the bench fetches 50,000 contacts and the sandbox must not be the bottleneck it is meant to
 * measure. The data set never changes after it is built, so the cache never goes stale.
 */
export function createPageSerializer(table: ReadonlyMap<string, Collection>) {
  const fragments = new Map<object, readonly (readonly [string, string])[]>();
  for (const collection of table.values()) {
    for (const record of collection.records) {
      fragments.set(
        record,
        Object.entries(record).map(([name, value]) => [
          name,
          `${JSON.stringify(name)}:${JSON.stringify(value)}`,
        ]),
      );
    }
  }
  /** Serialised records by projection ('' for whole records); a handful of projections in practice. */
  const byProjection = new Map<string, Map<object, string>>();
  // Written in chunks of this many records: a 1,000-record page as one string is a large object
  // that pushes the sandbox into full garbage collections, stalling every request in flight.
  const CHUNK = 100;
  return (records: readonly object[], fields: string | null): string[] => {
    const names = (fields ?? '')
      .split(',')
      .map((field) => field.trim().split('/')[0] as string)
      .filter((name) => name !== '');
    const key = [...new Set(names)].sort().join(',');
    const keys = key === '' ? null : new Set(names);
    let cache = byProjection.get(key);
    if (cache === undefined) {
      cache = new Map();
      byProjection.set(key, cache);
    }
    const serialise = (record: object): string => {
      let json = cache.get(record);
      if (json === undefined) {
        const kept = (fragments.get(record) ?? []).filter(([name]) => keys === null || keys.has(name));
        json = `{${kept.map(([, fragment]) => fragment).join(',')}}`;
        cache.set(record, json);
      }
      return json;
    };
    const chunks: string[] = [];
    for (let start = 0; start < records.length; start += CHUNK) {
      const part = records
        .slice(start, start + CHUNK)
        .map(serialise)
        .join(',');
      chunks.push(start === 0 ? `[${part}` : `,${part}`);
    }
    if (chunks.length === 0) return ['[]'];
    chunks.push(']');
    return chunks;
  };
}

const normKey = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * Lookup tables for the paths clients filter by most (`company/id` for contacts): without them the
 * bench's 100 contact queries would each scan 50,000 records and the sandbox would be the
 * bottleneck it is meant to measure. Built on first use; lists stay sorted by id.
 */
export function createIndexes(table: ReadonlyMap<string, Collection>) {
  const built = new Map<string, Map<unknown, object[]>>();
  return (collectionPath: string, hint: CompiledConditions['keyHint']): readonly object[] | null => {
    const collection = table.get(collectionPath);
    if (hint === null || collection === undefined || !collection.indexed.includes(hint.path)) return null;
    const key = `${collectionPath} ${hint.path}`;
    let index = built.get(key);
    if (index === undefined) {
      index = new Map();
      const segments = hint.path.split('/');
      for (const record of collection.records) {
        const value = normKey(
          segments.reduce<unknown>(
            (node, name) => (node as Record<string, unknown> | undefined)?.[name],
            record,
          ),
        );
        const list = index.get(value);
        if (list === undefined) index.set(value, [record]);
        else list.push(record);
      }
      built.set(key, index);
    }
    const lookup = index;
    const found = [...new Set(hint.values.map(normKey))].flatMap((value) => lookup.get(value) ?? []);
    return hint.values.length > 1
      ? found.sort((x, y) => (x as { id: number }).id - (y as { id: number }).id)
      : found;
  };
}
