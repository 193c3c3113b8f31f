export type DialectName = 'sqlite' | 'postgres';

/** What repositories must know about the dialect beneath kysely. */
export interface DialectTraits {
  readonly name: DialectName;
  /** Bound parameters one statement carries at most (the limits: SQLite 32766, PostgreSQL 65535). */
  readonly maxParameters: number;
}

/*
 * SQLite binds far fewer than its limit per statement. A statement's query tree, SQL text and
 * parameter array stay alive while the SQLite thread runs it, long enough to be promoted out of
 * V8's young generation, so 50 pages of contacts written as 20,000-parameter statements swelled
 * the heap by ~40 MB of garbage (clicks bench, 5k/50k peak RSS 293-297 MB; with 8,000: 264-268 MB,
 * the apply's time unchanged). PostgreSQL keeps large statements: there each one is a round trip.
 */
const SQLITE_PARAMETERS = 8_000;

export function dialectTraits(name: DialectName): DialectTraits {
  return { name, maxParameters: name === 'sqlite' ? SQLITE_PARAMETERS : 65_000 };
}

/** Splits rows so that no statement binds more than `maxParameters` values. */
export function chunkForParameters<T>(
  rows: readonly T[],
  parametersPerRow: number,
  traits: DialectTraits,
  extraParameters = 0,
): T[][] {
  const size = Math.max(1, Math.floor((traits.maxParameters - extraParameters) / parametersPerRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}
