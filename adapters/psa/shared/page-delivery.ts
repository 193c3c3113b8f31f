/**
 * Hands validated pages to the caller's PageSink one at a time, in arrival order, however many
 * requests run in parallel, and tallies what was delivered and skipped for the FetchOutcome.
 *
 *   const delivery = createPageDelivery(onPage);
 *   await delivery.deliver(page);           // waits for the sink: back-pressure on the fetcher
 *   delivery.skip({ entity: 'company', psaId: 17, reason: 'unexpected data in status' });
 *   return delivery.outcome();
 *
 * A sink that fails fails every later delivery with the same error, so no page is handed over
 * after one was lost.
 */
import type { FetchOutcome, PageSink, SkippedRecord } from '../../../src/ports/psa-gateway.js';

/** Skipped records named in a FetchOutcome; the rest are only counted. */
export const MAX_REPORTED_SKIPS = 20;

export interface PageDelivery<T> {
  deliver(records: readonly T[]): Promise<void>;
  skip(record: SkippedRecord): void;
  outcome(): FetchOutcome;
}

export function createPageDelivery<T>(sink: PageSink<T>): PageDelivery<T> {
  let queue: Promise<void> = Promise.resolve();
  let records = 0;
  let skippedCount = 0;
  const skipped: SkippedRecord[] = [];
  return {
    deliver(page) {
      if (page.length === 0) return queue;
      const delivering = queue.then(() => sink(page));
      queue = delivering.then(() => {
        records += page.length;
      });
      return queue;
    },
    skip(record) {
      skippedCount += 1;
      if (skipped.length < MAX_REPORTED_SKIPS) skipped.push(record);
    },
    outcome: () => ({ records, skippedCount, skipped: [...skipped] }),
  };
}

/** Splits a list into pages of at most `size`, for providers that gather before delivering. */
export function pagesOf<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}
