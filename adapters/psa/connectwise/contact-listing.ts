/**
 * Every contact of a set of companies: `company/id in (...)` batches, fetched in parallel under
 * the session's bound, with a `/count` per batch for the progress total and to tell each batch
 * where its paging ends.
 */
import type { PsaContact } from '../../../src/domain/psa-records.js';
import type { ProgressListener } from '../../../src/ports/psa-gateway.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { chunk } from './chunk.js';
import { inList } from './conditions.js';
import type { ConnectWiseApi } from './connectwise-api.js';
import { toPsaContact } from './record-mapping.js';
import { CONTACT_FIELDS, contactSchema } from './schemas.js';

export interface ContactPaging {
  /** Company ids per request; keeps the URL well under IIS's 2,048-character query limit. */
  readonly batchSize: number;
  /** Parallel batch workers (the session's limiter keeps the request bound). */
  readonly workers: number;
}

/** A promise settled from outside; its rejection counts as handled (the caller sees it elsewhere). */
function settleLater<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export async function listContacts(
  api: ConnectWiseApi,
  companyPsaIds: readonly number[],
  onProgress: ProgressListener,
  paging: ContactPaging,
): Promise<PsaContact[]> {
  const wanted = new Set(companyPsaIds);
  const batches = chunk([...wanted], paging.batchSize).map((ids) => inList('company/id', ids));
  let done = 0;
  onProgress({ phase: 'contacts', done, total: batches.length === 0 ? 0 : null });
  if (batches.length === 0) return [];
  // Counts and pages run side by side under the one bound: small counts wait on the network
  // while big pages are parsed, so neither the PSA nor the bot idles. Each batch's count also
  // tells its paging where to stop; the progress total is known once every count is in.
  const countOf = batches.map(() => settleLater<number>());
  let total: number | null = null;
  const counting = mapWithConcurrency(batches, paging.workers, async (conditions, index) => {
    const count = await api.count('/company/contacts', { conditions });
    countOf[index]?.resolve(count);
    return count;
  });
  const contacts = new Map<number, PsaContact>();
  const fetching = mapWithConcurrency(batches, paging.workers, async (conditions, index) => {
    const rows = await api.list('/company/contacts', { conditions, fields: CONTACT_FIELDS }, contactSchema, {
      onPage: (page) => {
        done += page.length;
        onProgress({ phase: 'contacts', done, total });
      },
      total: countOf[index]?.promise ?? Promise.resolve(Number.POSITIVE_INFINITY),
    });
    // Mapped as each batch lands, so the raw rows of 50,000 contacts are never all held at once.
    for (const row of rows) {
      if (wanted.has(row.company.id)) contacts.set(row.id, toPsaContact(row));
    }
  });
  await Promise.all([
    counting.then(
      (counts) => {
        total = counts.reduce((sum, count) => sum + count, 0);
        onProgress({ phase: 'contacts', done, total });
      },
      (error: unknown) => {
        // A batch waiting on a count that will never come fails with the same error.
        for (const pending of countOf) pending.reject(error);
        throw error;
      },
    ),
    fetching,
  ]);
  return [...contacts.values()].sort((a, b) => a.psaId - b.psaId);
}
