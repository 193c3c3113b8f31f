/**
 * The ConnectWise PsaSession: filter options, companies, contacts and "why is this one missing",
 * on top of connectwise-api.ts.
 *
 * Decisions:
 * - The MSP's own company is excluded twice over: `identifier != <login company id>` in the query
 *   (the owner record carries the login company id as its identifier), and any company typed
 *   "Owner" is dropped when it comes back.
 * - Statuses are loaded once per session: `activeOnly` becomes `status/id in (<active ids>)`.
 * - Companies: company-listing.ts; contacts: contact-listing.ts. Every request of the session
 *   shares one bound (`concurrency`), so counts and pages never exceed it together.
 */
import { AppError } from '../../../src/domain/errors.js';
import type {
  CompanyFilter,
  FilterOptions,
  MissingCause,
  PsaCompany,
  PsaContact,
} from '../../../src/domain/psa-records.js';
import { cleanName } from '../../../src/domain/psa-text.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { FetchOutcome, PageSink, ProgressListener, PsaSession } from '../../../src/ports/psa-gateway.js';
import { createFetchGuard } from '../shared/fetch-guard.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { createPageDelivery, type PageDelivery } from '../shared/page-delivery.js';
import { chunk } from './chunk.js';
import { listCompanies } from './company-listing.js';
import { and, eq, inList, notEq } from './conditions.js';
import { type ConnectWiseApi, MAX_RECORDS_PER_FETCH, type PageJudge } from './connectwise-api.js';
import { listContacts } from './contact-listing.js';
import { toPsaCompany } from './record-mapping.js';
import {
  type CwCompany,
  type CwCompanyStatus,
  companyPresenceSchema,
  companyStatusSchema,
  companyTypeSchema,
  PRESENCE_FIELDS,
} from './schemas.js';

export interface ConnectWiseSession extends PsaSession {
  /** Most requests this session keeps in flight at once. */
  readonly concurrency: number;
  /** Most requests seen in flight at once so far (for benches). */
  maxInFlight(): number;
}

export interface ConnectWiseSessionOptions {
  readonly api: ConnectWiseApi;
  readonly companyId: string;
  readonly concurrency: number;
  /** Records per page, to tell a full page from the last one. */
  readonly pageSize: number;
  /** Company ids per contacts request; keeps the URL well under IIS's 2,048-character query limit. */
  readonly contactBatchSize: number;
  /** Pages one fetch may take at most. */
  readonly maxPages: number;
  readonly requestCount: () => number;
  readonly maxInFlight: () => number;
  readonly logger?: Logger;
}

const DEFAULT_TYPE = /\b(client|customer)s?\b/i;
const OWNER_TYPE = /^owner$/i;

function parseIds(ids: readonly string[]): number[] {
  return ids.map((id) => {
    // Any int32 id the PSA lists (ids of 1,000,000,000 and more are valid).
    const value = /^-?\d{1,10}$/.test(id) ? Number(id) : Number.NaN;
    if (!(Math.abs(value) <= 2_147_483_647))
      throw new AppError('invalid_input', { hint: 'Unknown filter choice.' });
    return value;
  });
}

/** Remembers a successful load for the session; a failure is forgotten so the next call retries. */
function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (pending === null) {
      pending = load();
      // Only resets the cache; callers awaiting `pending` still see the error.
      void pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}

export function createConnectWiseSession(options: ConnectWiseSessionOptions): ConnectWiseSession {
  const { api, concurrency } = options;
  // Twice as many batch workers as requests allowed in flight: the session's limiter keeps the
  // bound, and a worker whose page is being parsed (~10 ms for 1,000 contacts) leaves its slot to
  // one that is ready to send, so the PSA is never idle while the bot parses.
  const workers = concurrency * 2;
  const statuses = memo(() => api.listAll('/company/companies/statuses', {}, companyStatusSchema));
  const types = memo(() => api.listAll('/company/companies/types', {}, companyTypeSchema));

  function judgeFor(entity: 'company' | 'contact', delivery: PageDelivery<unknown>): PageJudge {
    const guard = createFetchGuard(
      { pageSize: options.pageSize, maxPages: options.maxPages, maxRecords: MAX_RECORDS_PER_FETCH },
      options.logger,
    );
    return { entity, guard, skips: delivery };
  }
  const ownCompany = notEq('identifier', options.companyId);

  /** The status ids to ask for, or null for all; loads statuses only when activeOnly needs them. */
  async function statusSet(
    filter: CompanyFilter,
    loading: Promise<CwCompanyStatus[]>,
  ): Promise<number[] | null> {
    const chosen = filter.statusIds.length > 0 ? parseIds(filter.statusIds) : null;
    if (!filter.activeOnly) return chosen;
    const active = (await loading)
      .filter((status) => status.inactiveFlag !== true)
      .map((status) => status.id);
    return chosen === null ? active : chosen.filter((id) => active.includes(id));
  }

  return {
    provider: 'connectwise',
    concurrency,
    maxInFlight: options.maxInFlight,
    requestCount: options.requestCount,

    async testConnection() {
      // Both counts: a key that may read companies but not contacts fails here, not mid-import.
      const probe = { conditions: eq('id', 0) };
      await Promise.all([api.count('/company/companies', probe), api.count('/company/contacts', probe)]);
    },

    async filterOptions(): Promise<FilterOptions> {
      const [typeRows, statusRows] = await Promise.all([types(), statuses()]);
      return {
        types: typeRows.map((type) => ({
          id: String(type.id),
          name: cleanName(type.name).text,
          isDefault: DEFAULT_TYPE.test(type.name),
        })),
        statuses: statusRows.map((status) => ({
          id: String(status.id),
          name: cleanName(status.name).text,
          isDefault: status.inactiveFlag !== true,
        })),
      };
    },

    async fetchCompanies(
      filter: CompanyFilter,
      onProgress: ProgressListener,
      onPage: PageSink<PsaCompany>,
    ): Promise<FetchOutcome> {
      const delivery = createPageDelivery(onPage);
      const typeIds = parseIds(filter.typeIds);
      // Without activeOnly the statuses are only needed to label the results: load them alongside.
      const loadingStatuses = statuses();
      const statusIds = await statusSet(filter, loadingStatuses);
      if (statusIds !== null && statusIds.length === 0) {
        onProgress({ phase: 'companies', done: 0, total: 0 });
        return delivery.outcome();
      }
      const query = {
        conditions: and(eq('deletedFlag', false), ownCompany, statusIds && inList('status/id', statusIds)),
        ...(typeIds.length > 0 ? { childConditions: inList('types/id', typeIds) } : {}),
      };
      const judge = judgeFor('company', delivery);
      let done = 0;
      let total: number | null = null;
      onProgress({ phase: 'companies', done, total });
      const counting = api.count('/company/companies', query);
      const own = options.companyId.toLowerCase();
      // Parallel ranges never overlap, but a server may repeat a record across pages.
      const seen = new Set<number>();
      const deliverRows = async (rows: readonly CwCompany[]) => {
        done += rows.length;
        onProgress({ phase: 'companies', done, total });
        const byId = new Map((await loadingStatuses).map((status) => [status.id, status]));
        const page: PsaCompany[] = [];
        for (const row of rows) {
          if (seen.has(row.id)) continue;
          seen.add(row.id);
          if (row.deletedFlag === true || row.identifier?.toLowerCase() === own) continue;
          if ((row.types ?? []).some((type) => OWNER_TYPE.test(type.name ?? ''))) continue;
          const company = toPsaCompany(row, byId);
          if (company.name === '') delivery.skip({ entity: 'company', psaId: row.id, reason: 'no name' });
          else page.push(company);
        }
        await delivery.deliver(page);
      };
      await Promise.all([
        counting.then((count) => {
          total = count;
          judge.guard.expect(count);
          onProgress({ phase: 'companies', done, total });
        }),
        listCompanies(api, query, {
          counting,
          onPage: deliverRows,
          judge,
          pageSize: options.pageSize,
          concurrency,
          workers,
        }),
      ]);
      return delivery.outcome();
    },

    async fetchContacts(
      companyPsaIds: readonly number[],
      onProgress: ProgressListener,
      onPage: PageSink<PsaContact>,
    ): Promise<FetchOutcome> {
      const delivery = createPageDelivery(onPage);
      await listContacts(api, companyPsaIds, onProgress, {
        batchSize: options.contactBatchSize,
        pageSize: options.pageSize,
        workers,
        concurrency,
        judge: judgeFor('contact', delivery),
        deliver: (page) => delivery.deliver(page),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      });
      return delivery.outcome();
    },

    async explainMissing(psaCompanyIds: readonly number[]): Promise<ReadonlyMap<number, MissingCause>> {
      const ids = [...new Set(psaCompanyIds)];
      // No deletedFlag condition here: the recycle bin is exactly what we are looking for.
      const found = await mapWithConcurrency(chunk(ids, options.contactBatchSize), workers, (part) =>
        api.listAll(
          '/company/companies',
          { conditions: inList('id', part), fields: PRESENCE_FIELDS },
          companyPresenceSchema,
        ),
      );
      const deleted = new Map(found.flat().map((row) => [row.id, row.deletedFlag === true]));
      const causes = new Map<number, MissingCause>();
      for (const id of ids) {
        const isDeleted = deleted.get(id);
        causes.set(id, isDeleted === undefined ? 'not-found' : isDeleted ? 'deleted' : 'filtered-out');
      }
      return causes;
    },
  };
}
