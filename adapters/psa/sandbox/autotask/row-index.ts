/**
 * Rows by the value of a field, so that `companyID in [...]` over 50,000 contacts looks at the
 * few thousand candidates instead of every row: the bench should measure the provider, not the
 * sandbox's table scans.
 */
import type { FilterNode } from './query-engine.js';

export class RowIndex<T extends { readonly id: number }> {
  readonly #byField = new Map<string, Map<number, T[]>>();

  constructor(rows: readonly T[], fields: readonly string[]) {
    for (const field of fields) {
      const buckets = new Map<number, T[]>();
      for (const row of rows) {
        const value = (row as unknown as Record<string, unknown>)[field];
        if (typeof value !== 'number') continue;
        const bucket = buckets.get(value);
        if (bucket === undefined) buckets.set(value, [row]);
        else bucket.push(row);
      }
      this.#byField.set(field, buckets);
    }
  }

  /** Rows that may match, in id order; null when no top-level `in`/`eq` uses an indexed field. */
  candidates(nodes: readonly FilterNode[]): T[] | null {
    for (const node of nodes) {
      const buckets = node.field === null ? undefined : this.#byField.get(node.field);
      if (buckets === undefined) continue;
      if (node.op === 'in' && node.inNumbers !== undefined) {
        return [...node.inNumbers].flatMap((value) => buckets.get(value) ?? []).sort((a, b) => a.id - b.id);
      }
      if (node.op === 'eq' && typeof node.value === 'number') return [...(buckets.get(node.value) ?? [])];
    }
    return null;
  }
}
