/**
 * Splits what is left of a forward-only listing into id ranges that can be fetched in parallel.
 *
 * Forward-only paging is sequential: 5,000 companies cost five round trips one after the other.
 * After the first page we know its ids and (from `/count`) how many records remain, so we can
 * guess where the remaining ids lie: ranges of equal id width starting after the last id seen,
 * the last one open-ended. A wrong guess costs speed, never records: the ranges are contiguous,
 * disjoint, and each is paged forward-only to its end.
 *
 *   idRanges([1, 2, ..., 1000], 4000, 4) -> [{after:1000, upTo:2000}, ..., {after:4000, upTo:null}]
 */

export interface IdRange {
  /** Ids strictly above this. */
  readonly after: number;
  /** Ids up to and including this; null for no upper bound. */
  readonly upTo: number | null;
}

export function idRanges(seenIds: readonly number[], remaining: number, maxParts: number): IdRange[] {
  const first = seenIds[0];
  const last = seenIds[seenIds.length - 1];
  const parts = Math.max(1, Math.min(maxParts, Math.round(remaining / Math.max(1, seenIds.length))));
  if (first === undefined || last === undefined || parts === 1) return [{ after: last ?? 0, upTo: null }];
  // Ids per record on the first page, assumed to hold for the rest.
  const density = (last - first + 1) / seenIds.length;
  const width = Math.max(1, Math.ceil((density * remaining) / parts));
  return Array.from({ length: parts }, (_, index) => ({
    after: last + index * width,
    upTo: index === parts - 1 ? null : last + (index + 1) * width,
  }));
}
