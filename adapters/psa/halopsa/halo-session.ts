/**
 * One conversation with a Halo instance (the PsaSession port). Clients come from `GET /api/Client`
 * and contacts from `GET /api/Users`, both paged (paging.ts). Halo's list filters cannot express
 * "these top levels or those customer types", so clients are read once per session and filtered
 * here: the active ones (`includeinactive=false`) for the default filter, which also serves the
 * filter choices, and all of them (`includeinactive=true`) when inactive clients are asked for or a
 * missing client must be explained. Contacts are read once for all selected clients (never one
 * listing per client: the rate limit counts requests) and grouped by `client_id`.
 */
import type { Provider } from '../../../src/domain/provider.js';
import type {
  CompanyFilter,
  FilterOptions,
  MissingCause,
  PsaCompany,
  PsaContact,
} from '../../../src/domain/psa-records.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { ProgressListener, PsaSession } from '../../../src/ports/psa-gateway.js';
import type { HaloClient as Client } from './halo-client.js';
import { fetchAllRows } from './paging.js';
import { filterChoices, isNoise, selects, toPsaCompany, toPsaContact } from './record-mapping.js';
import { clientSchema, clientsPageSchema, type HaloClient, userSchema, usersPageSchema } from './schemas.js';

export interface HaloSessionOptions {
  readonly pageSize: number;
  readonly maxPages: number;
  readonly logger?: Logger;
}

type ClientScope = 'active' | 'all';

export class HaloSession implements PsaSession {
  readonly provider: Provider = 'halopsa';
  readonly #client: Client;
  readonly #options: HaloSessionOptions;
  readonly #clients = new Map<ClientScope, Promise<HaloClient[]>>();

  constructor(client: Client, options: HaloSessionOptions) {
    this.#client = client;
    this.#options = options;
  }

  requestCount(): number {
    return this.#client.requestCount();
  }

  async testConnection(): Promise<void> {
    await this.#client.authenticate();
    // A token alone does not prove the application may read clients: one small page does.
    await this.#client.get(
      'Client',
      { pageinate: 'true', page_size: '1', page_no: '1', includeactive: 'true', includeinactive: 'false' },
      // Only the page's shape matters here; rows are validated when they are really read.
      clientsPageSchema,
    );
  }

  async filterOptions(): Promise<FilterOptions> {
    return { types: filterChoices(await this.#clientList('active', () => {})), statuses: [] };
  }

  async fetchCompanies(filter: CompanyFilter, onProgress: ProgressListener): Promise<PsaCompany[]> {
    const scope: ClientScope = filter.activeOnly ? 'active' : 'all';
    const clients = await this.#clientList(scope, onProgress);
    const selected = clients.filter((client) => selects(filter, client)).map(toPsaCompany);
    onProgress({ phase: 'companies', done: clients.length, total: clients.length });
    return selected;
  }

  async fetchContacts(companyPsaIds: readonly number[], onProgress: ProgressListener): Promise<PsaContact[]> {
    const wanted = new Set(companyPsaIds);
    if (wanted.size === 0) return [];
    const { rows, skipped } = await fetchAllRows(this.#client, {
      resource: 'Users',
      page: usersPageSchema,
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
      onPage: (done, total) => onProgress({ phase: 'contacts', done, total }),
    });
    this.#reportSkipped('users', skipped);
    // Grouped by client: contacts of one client stay together, in id order.
    return rows
      .filter((user) => wanted.has(user.client_id) && !isNoise(user))
      .sort((a, b) => a.client_id - b.client_id || a.id - b.id)
      .map(toPsaContact);
  }

  /** Halo has no recycle bin the API shows: a client that exists was filtered out, else it is gone. */
  async explainMissing(
    psaCompanyIds: readonly number[],
    _filter: CompanyFilter,
  ): Promise<ReadonlyMap<number, MissingCause>> {
    const causes = new Map<number, MissingCause>();
    if (psaCompanyIds.length === 0) return causes;
    const present = new Set((await this.#clientList('all', () => {})).map((client) => client.id));
    for (const id of psaCompanyIds) causes.set(id, present.has(id) ? 'filtered-out' : 'not-found');
    return causes;
  }

  #clientList(scope: ClientScope, onProgress: ProgressListener): Promise<HaloClient[]> {
    // Everything includes the active ones: reuse a full list if one was read already.
    const cached = this.#clients.get(scope) ?? (scope === 'active' ? this.#clients.get('all') : undefined);
    if (cached !== undefined) return cached;
    const loading = fetchAllRows(this.#client, {
      resource: 'Client',
      page: clientsPageSchema,
      params: {
        includeactive: 'true',
        includeinactive: scope === 'all' ? 'true' : 'false',
        exclude_internal: 'true',
      },
      row: clientSchema,
      pageSize: this.#options.pageSize,
      maxPages: this.#options.maxPages,
      onPage: (done, total) => onProgress({ phase: 'companies', done, total }),
    }).then(({ rows, skipped }) => {
      this.#reportSkipped('clients', skipped);
      return scope === 'active' ? rows.filter((client) => client.inactive !== true) : rows;
    });
    this.#clients.set(scope, loading);
    // A failed read is not cached: the next call tries again.
    loading.catch(() => this.#clients.delete(scope));
    return loading;
  }

  #reportSkipped(what: 'clients' | 'users', skipped: number): void {
    if (skipped > 0)
      this.#options.logger?.warn({ what, skipped }, 'halo rows failed validation and were skipped');
  }
}
