/**
 * One conversation with a Halo instance (the PsaSession port). Clients come from `GET /api/Client`
 * and contacts from `GET /api/Users`, both paged (paging.ts).
 *
 * Halo's list filters cannot express "these top levels or those customer types", so clients are
 * read once per session and filtered here: the active ones (`includeinactive=false`) for the
 * default filter, which also serves the filter choices, and all of them (`includeinactive=true`)
 * when inactive clients are asked for or a missing client must be explained. Contacts are read
 * once for all selected clients (never one listing per client: Halo's rate limit counts requests),
 * kept by their `client_id`, and streamed to the caller page by page.
 */
import type { Provider } from '../../../src/domain/provider.js';
import type {
  CompanyFilter,
  FilterOptions,
  MissingCause,
  PsaCompany,
  PsaContact,
} from '../../../src/domain/psa-records.js';
import type {
  FetchOutcome,
  PageSink,
  ProgressListener,
  PsaSession,
  SkippedRecord,
} from '../../../src/ports/psa-gateway.js';
import { createPageDelivery, pagesOf } from '../shared/page-delivery.js';
import type { HaloClient as Client } from './halo-client.js';
import { readAllPages } from './paging.js';
import { filterChoices, isNoise, selects, toPsaCompany, toPsaContact } from './record-mapping.js';
import { clientSchema, clientsPageSchema, type HaloClient, userSchema, usersPageSchema } from './schemas.js';

export interface HaloSessionOptions {
  readonly pageSize: number;
  readonly maxPages: number;
}

type ClientScope = 'active' | 'all';

interface ClientList {
  readonly rows: readonly HaloClient[];
  readonly skipped: readonly SkippedRecord[];
}

export class HaloSession implements PsaSession {
  readonly provider: Provider = 'halopsa';
  readonly #client: Client;
  readonly #options: HaloSessionOptions;
  readonly #clients = new Map<ClientScope, Promise<ClientList>>();

  constructor(client: Client, options: HaloSessionOptions) {
    this.#client = client;
    this.#options = options;
  }

  requestCount(): number {
    return this.#client.requestCount();
  }

  async testConnection(): Promise<void> {
    await this.#client.authenticate();
    // A token alone does not prove the application may read clients: one small page does. Only
    // the page's shape matters here; rows are validated when they are really read.
    await this.#client.get(
      'Client',
      { pageinate: 'true', page_size: '1', page_no: '1', includeactive: 'true', includeinactive: 'false' },
      clientsPageSchema,
    );
  }

  async filterOptions(): Promise<FilterOptions> {
    const { rows } = await this.#clientList('active', () => {});
    return { types: filterChoices(rows), statuses: [] };
  }

  async fetchCompanies(
    filter: CompanyFilter,
    onProgress: ProgressListener,
    onPage: PageSink<PsaCompany>,
  ): Promise<FetchOutcome> {
    const delivery = createPageDelivery(onPage);
    const { rows, skipped } = await this.#clientList(filter.activeOnly ? 'active' : 'all', onProgress);
    for (const record of skipped) delivery.skip(record);
    const companies: PsaCompany[] = [];
    for (const row of rows) {
      if (!selects(filter, row)) continue;
      const company = toPsaCompany(row);
      if (company.name === '') delivery.skip({ entity: 'company', psaId: row.id, reason: 'no name' });
      else companies.push(company);
    }
    onProgress({ phase: 'companies', done: rows.length, total: rows.length });
    for (const page of pagesOf(companies, this.#options.pageSize)) await delivery.deliver(page);
    return delivery.outcome();
  }

  async fetchContacts(
    companyPsaIds: readonly number[],
    onProgress: ProgressListener,
    onPage: PageSink<PsaContact>,
  ): Promise<FetchOutcome> {
    const delivery = createPageDelivery(onPage);
    const wanted = new Set(companyPsaIds);
    if (wanted.size === 0) return delivery.outcome();
    await readAllPages(this.#client, {
      resource: 'Users',
      page: usersPageSchema,
      entity: 'contact',
      params: {
        includeactive: 'true',
        includeinactive: 'true',
        exclude_agents: 'true',
        exclude_generaluser: 'true',
        includeserviceaccount: 'false',
        includenonserviceaccount: 'true',
      },
      row: userSchema,
      pageSize: this.#options.pageSize,
      maxPages: this.#options.maxPages,
      onRows: (users) =>
        delivery.deliver(
          users.filter((user) => wanted.has(user.client_id) && !isNoise(user)).map(toPsaContact),
        ),
      onSkip: (record) => delivery.skip(record),
      onProgress: (done, total) => onProgress({ phase: 'contacts', done, total }),
    });
    return delivery.outcome();
  }

  /** Halo has no recycle bin the API shows: a client that exists was filtered out, else it is gone. */
  async explainMissing(
    psaCompanyIds: readonly number[],
    _filter: CompanyFilter,
  ): Promise<ReadonlyMap<number, MissingCause>> {
    const causes = new Map<number, MissingCause>();
    if (psaCompanyIds.length === 0) return causes;
    const { rows } = await this.#clientList('all', () => {});
    const present = new Set(rows.map((client) => client.id));
    for (const id of psaCompanyIds) causes.set(id, present.has(id) ? 'filtered-out' : 'not-found');
    return causes;
  }

  #clientList(scope: ClientScope, onProgress: ProgressListener): Promise<ClientList> {
    // A full list holds the active ones too: reuse it if one was read already.
    const cached = this.#clients.get(scope) ?? (scope === 'active' ? this.#clients.get('all') : undefined);
    if (cached !== undefined) return cached;
    const rows: HaloClient[] = [];
    const skipped: SkippedRecord[] = [];
    const loading = readAllPages(this.#client, {
      resource: 'Client',
      page: clientsPageSchema,
      entity: 'company',
      params: {
        includeactive: 'true',
        includeinactive: scope === 'all' ? 'true' : 'false',
        exclude_internal: 'true',
      },
      row: clientSchema,
      pageSize: this.#options.pageSize,
      maxPages: this.#options.maxPages,
      onRows: async (page) => {
        rows.push(...page);
      },
      onSkip: (record) => skipped.push(record),
      onProgress: (done, total) => onProgress({ phase: 'companies', done, total }),
    }).then(() => ({
      rows: scope === 'active' ? rows.filter((client) => client.inactive !== true) : rows,
      skipped,
    }));
    this.#clients.set(scope, loading);
    // A failed read is not cached: the next call tries again.
    loading.catch(() => this.#clients.delete(scope));
    return loading;
  }
}
