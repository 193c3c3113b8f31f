import type { FetchOutcome, PageSink } from '../../../../src/ports/psa-gateway.js';

/** Runs a fetch with a sink that keeps every page; returns the records in delivery order. */
export async function gather<T>(fetch: (sink: PageSink<T>) => Promise<FetchOutcome>): Promise<T[]> {
  return (await gatherWithOutcome(fetch)).records;
}

export async function gatherWithOutcome<T>(
  fetch: (sink: PageSink<T>) => Promise<FetchOutcome>,
): Promise<{ readonly records: T[]; readonly pages: number; readonly outcome: FetchOutcome }> {
  const records: T[] = [];
  let pages = 0;
  const outcome = await fetch(async (page) => {
    pages += 1;
    records.push(...page);
  });
  return { records, pages, outcome };
}
