/** A PSA record the provider could not use (malformed), by PSA id where it had one. */
export interface SkippedRecord {
  readonly entity: 'company' | 'contact';
  readonly psaId: number | null;
  /** Our words ("unexpected data in status"), never raw PSA text. */
  readonly reason: string;
}

/** "2 PSA records skipped: unexpected data, PSA ids 17 and 42". */
export interface SkippedRecords {
  /** Skipped by the company fetch. */
  readonly companies: number;
  /** Skipped by the latest contact fetch. */
  readonly contacts: number;
  /** The first few, enough to name them in a message. */
  readonly first: readonly SkippedRecord[];
}

export const NO_SKIPPED: SkippedRecords = { companies: 0, contacts: 0, first: [] };

const KEEP_SKIPPED = 5;

export function companiesSkipped(count: number, first: readonly SkippedRecord[]): SkippedRecords {
  return { companies: count, contacts: 0, first: first.slice(0, KEEP_SKIPPED) };
}

/** A new contact fetch replaces the previous one's skipped contacts, keeping the companies'. */
export function withContactsSkipped(
  run: SkippedRecords,
  count: number,
  first: readonly SkippedRecord[],
): SkippedRecords {
  const companies = run.first.filter((record) => record.entity === 'company');
  return {
    companies: run.companies,
    contacts: count,
    first: [...companies, ...first].slice(0, KEEP_SKIPPED),
  };
}
