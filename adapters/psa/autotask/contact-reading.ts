/**
 * Every contact of a set of Autotask companies in the fewest requests, never more than Autotask's
 * three in flight per endpoint. A small selection (batches that all fit in one round) goes
 * straight to batches. Otherwise two counts first, side by side: the selected companies' contacts
 * and every contact in the span of their ids. Then whichever costs fewer pages:
 *
 * - span: the span split into `parallel` companyID ranges holding as many selected companies
 *   each, every range paged by the id cursor in parallel, keeping the selected companies'
 *   contacts. When the selection is most of the PSA, this reads all contacts once, and only the
 *   last page of each range is short;
 * - batches: `companyID in [...]` for `batchSize` companies at a time, `parallel` at a time;
 *   each batch ends on a short page of its own.
 *
 * Pages go to `deliver` as they arrive (awaited: back-pressure).
 */
import type { PsaContact } from '../../../src/domain/psa-records.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { ProgressListener } from '../../../src/ports/psa-gateway.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import type { AutotaskClient } from './autotask-client.js';
import { readInRanges } from './id-span-reading.js';
import { AUTOTASK_PAGE_SIZE, type PageJudge, pageThrough, readPage } from './paging.js';
import { type AutotaskFilter, CONTACT_FIELDS, condition } from './query-filter.js';
import { toPsaContact } from './record-mapping.js';
import { type AutotaskContact, contactSchema } from './schemas.js';
import { settledPair } from './settled-pair.js';

export interface ContactReading {
  /** Companies per `companyID in [...]` query. */
  readonly batchSize: number;
  /** Requests in flight at once on the Contacts endpoint (Autotask allows three). */
  readonly parallel: number;
  readonly judge: PageJudge;
  readonly deliver: (contacts: readonly PsaContact[]) => Promise<void>;
  /** Contacts matching `filter`, one count request. */
  readonly count: (filter: readonly AutotaskFilter[]) => Promise<number>;
  /** The selected companies' contacts (one count per few thousand companies). */
  readonly countSelected: (ids: readonly number[]) => Promise<number>;
  readonly logger?: Logger;
}

/** An inclusive companyID range. */
export interface CompanyRange {
  readonly from: number;
  readonly to: number;
}

/** Pages for the span against batches; true when reading the span costs no more. */
export function spanIsCheaper(plan: {
  readonly selected: number;
  readonly selectedContacts: number;
  readonly spanContacts: number;
  readonly ranges: number;
  readonly batchSize: number;
}): boolean {
  // Each range, and each batch, ends on a short page: on average half a page is lost per batch.
  const span = Math.ceil(plan.spanContacts / AUTOTASK_PAGE_SIZE) + plan.ranges;
  const batches = Math.ceil(plan.selected / plan.batchSize);
  const batched = Math.ceil(plan.selectedContacts / AUTOTASK_PAGE_SIZE) + Math.ceil(batches / 2);
  return span <= batched;
}

const inRange = (range: CompanyRange): AutotaskFilter[] => [
  condition('gte', 'companyID', range.from),
  condition('lte', 'companyID', range.to),
];

/** `sortedIds`: the selected companies, sorted and distinct, the MSP's own left out. */
export async function readContacts(
  client: AutotaskClient,
  sortedIds: readonly number[],
  onProgress: ProgressListener,
  reading: ContactReading,
): Promise<'span' | 'batches'> {
  let done = 0;
  let total: number | null = null;
  const report = () => onProgress({ phase: 'contacts', done, total });
  const wanted = new Set(sortedIds);
  const query = (conditions: readonly AutotaskFilter[]) => ({
    entity: 'Contacts' as const,
    conditions,
    includeFields: CONTACT_FIELDS,
    item: contactSchema,
    judge: reading.judge,
    onPage: async (items: AutotaskContact[]) => {
      const kept = items.filter((row) => wanted.has(row.companyID));
      done += kept.length;
      report();
      await reading.deliver(kept.map(toPsaContact));
    },
  });
  const batches = chunk(sortedIds, reading.batchSize);
  const readBatches = (after: number) =>
    mapWithConcurrency(batches, reading.parallel, (batch) =>
      pageThrough(client, query([condition('in', 'companyID', batch)]), reading.logger, {
        after,
        upTo: null,
      }),
    );

  if (batches.length <= reading.parallel) {
    // Every batch runs in the first round: nothing to save, and the count need not wait.
    const counting = reading.countSelected(sortedIds).then((n) => {
      total = n;
      report();
    });
    await settledPair(counting, readBatches(0));
    return 'batches';
  }
  const span = query(
    inRange({ from: sortedIds[0] as number, to: sortedIds[sortedIds.length - 1] as number }),
  );
  // The span's first page goes out beside the two counts (the three requests the endpoint
  // allows): whichever way is chosen, it is the first page of that way too.
  const firstPage = readPage(client, span, reading.judge, { after: 0, upTo: null }, reading.logger);
  const [[selectedContacts, spanContacts], first] = await settledPair(
    settledPair(reading.countSelected(sortedIds), reading.count(span.conditions)),
    firstPage,
  );
  total = selectedContacts;
  report();
  const plan = { selected: sortedIds.length, selectedContacts, spanContacts, ranges: reading.parallel };
  if (spanIsCheaper({ ...plan, batchSize: reading.batchSize })) {
    reading.judge.guard.expect(spanContacts);
    await readInRanges(
      client,
      span,
      { parallel: reading.parallel, count: Promise.resolve(spanContacts), first: Promise.resolve(first) },
      reading.logger,
    );
    return 'span';
  }
  // The first page held every contact of the span up to its last id, the selected ones among
  // them: the batches start after it.
  reading.judge.guard.expect(selectedContacts + first.items.length);
  if (first.items.length > 0) await span.onPage(first.items);
  const last = first.items.at(-1);
  if (first.more && last !== undefined) await readBatches(last.id);
  return 'batches';
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
