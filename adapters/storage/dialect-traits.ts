export type DialectName = 'sqlite' | 'postgres';

/** What repositories must know about the dialect beneath kysely. */
export interface DialectTraits {
  readonly name: DialectName;
  /** Bound parameters one statement may carry (SQLite 32766, PostgreSQL 65535), with headroom. */
  readonly maxParameters: number;
}

export function dialectTraits(name: DialectName): DialectTraits {
  return { name, maxParameters: name === 'sqlite' ? 32_000 : 65_000 };
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
