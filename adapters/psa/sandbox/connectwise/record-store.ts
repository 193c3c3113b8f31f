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
 * Pages as JSON chunks, projecting `fields=` (top-level names; `a/b` keeps `a`). Each record's fields are
 * serialised once, up front, so a 1,000-record page is string joins rather than 1,000
 * stringify calls: the bench fetches 50,000 contacts and the sandbox must not be the bottleneck
 * it is meant to measure.
 */
export function createPageSerializer(table: ReadonlyMap<string, Collection>) {
  const names = new Map<object, readonly string[]>();
  const fragments = new Map<object, readonly string[]>();
  for (const collection of table.values()) {
    for (const record of collection.records) {
      const entries = Object.entries(record);
      names.set(
        record,
        entries.map(([name]) => name),
      );
      fragments.set(
        record,
        entries.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`),
      );
    }
  }
  // Written in chunks of this many records: a 1,000-record page as one string is a large object
  // that pushes the sandbox into full garbage collections, stalling every request in flight.
  const CHUNK = 50;
  return (records: readonly object[], fields: string | null): string[] => {
    const key = fields?.trim() ?? '';
    const keys =
      key === '' ? null : new Set(key.split(',').map((field) => field.trim().split('/')[0] as string));
    const chunks: string[] = [];
    let body = '[';
    for (let r = 0; r < records.length; r += 1) {
      if (r > 0 && r % CHUNK === 0) {
        chunks.push(body);
        body = '';
      }
      const record = records[r] as object;
      const recordNames = names.get(record) ?? [];
      const recordFragments = fragments.get(record) ?? [];
      let object = '';
      for (let i = 0; i < recordNames.length; i += 1) {
        if (keys !== null && !keys.has(recordNames[i] as string)) continue;
        object += object === '' ? recordFragments[i] : `,${recordFragments[i]}`;
      }
      body += r === 0 ? `{${object}}` : `,{${object}}`;
    }
    chunks.push(`${body}]`);
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
