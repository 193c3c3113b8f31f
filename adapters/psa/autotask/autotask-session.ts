/**
 * One conversation with an Autotask database (the PsaSession port). Companies are paged with an id
 * cursor; contacts are read in the fewest pages (contact-reading.ts: the span of the selected
 * companies' ids in three ranges, or batches of companies), three requests at a time, which is
 * also the most Autotask allows in flight per endpoint.
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
import type { FetchOutcome, PageSink, ProgressListener, PsaSession } from '../../../src/ports/psa-gateway.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { createPageDelivery } from '../shared/page-delivery.js';
import type { AutotaskClient } from './autotask-client.js';
import { type TypeLabels, typeChoices, typeLabelsFrom } from './company-types.js';
import { readContacts } from './contact-reading.js';
import { readInRanges } from './id-span-reading.js';
import { createJudge, fetchAllPages } from './paging.js';
import {
  type AutotaskFilter,
  COMPANY_FIELDS,
  companyConditions,
  condition,
  inAny,
  MAX_IN_VALUES,
} from './query-filter.js';
import { MSP_COMPANY_ID, toPsaCompany } from './record-mapping.js';
import { companySchema, fieldInformationSchema, idOnlySchema, queryCountSchema } from './schemas.js';

export interface AutotaskSessionOptions {
  /** Companies per contacts query (`companyID in [...]`). */
  readonly contactBatchSize: number;
  /** Contact batches fetched at once. */
  readonly batchConcurrency: number;
  readonly logger?: Logger;
}

/** Companies per count request: several `in` lists or-ed, kept to a modest body. */
const COUNT_GROUP_COMPANIES = MAX_IN_VALUES * 10;

export class AutotaskSession implements PsaSession {
  readonly provider: Provider = 'autotask';
  readonly #client: AutotaskClient;
  readonly #options: AutotaskSessionOptions;
  #labels: Promise<TypeLabels> | null = null;

  constructor(client: AutotaskClient, options: AutotaskSessionOptions) {
    this.#client = client;
    this.#options = options;
  }

  requestCount(): number {
    return this.#client.requestCount();
  }

  async testConnection(): Promise<void> {
    await this.#client.checkBudget();
  }

  async filterOptions(): Promise<FilterOptions> {
    return { types: typeChoices(await this.#typeLabels()), statuses: [] };
  }

  async fetchCompanies(
    filter: CompanyFilter,
    onProgress: ProgressListener,
    onPage: PageSink<PsaCompany>,
  ): Promise<FetchOutcome> {
    const delivery = createPageDelivery(onPage);
    const conditions = companyConditions(filter);
    // Labels are only needed for mapping: fetch them beside the first page, not before it.
    const labelling = this.#typeLabels();
    let done = 0;
    let total: number | null = null;
    const report = () => onProgress({ phase: 'companies', done, total });
    const judge = createJudge('company', delivery, this.#options.logger);
    const counting = this.#count('Companies', [condition('gt', 'id', MSP_COMPANY_ID), ...conditions]).then(
      (n) => {
        total = n;
        // No more pages than the count takes (plus a margin): a PSA that pages on is cut off.
        judge.guard.expect(n);
        report();
        return n;
      },
    );
    const fetching = readInRanges(
      this.#client,
      {
        entity: 'Companies',
        conditions,
        includeFields: COMPANY_FIELDS,
        item: companySchema,
        judge,
        onPage: async (items) => {
          done += items.length;
          report();
          const labels = await labelling;
          const page: PsaCompany[] = [];
          for (const row of items) {
            if (row.id === MSP_COMPANY_ID) continue;
            const company = toPsaCompany(row, labels);
            if (company.name === '') delivery.skip({ entity: 'company', psaId: row.id, reason: 'no name' });
            else page.push(company);
          }
          await delivery.deliver(page);
        },
      },
      { parallel: this.#options.batchConcurrency, count: counting },
      this.#options.logger,
    );
    await Promise.all([labelling, counting, fetching]);
    return delivery.outcome();
  }

  async fetchContacts(
    companyPsaIds: readonly number[],
    onProgress: ProgressListener,
    onPage: PageSink<PsaContact>,
  ): Promise<FetchOutcome> {
    const delivery = createPageDelivery(onPage);
    const ids = [...new Set(companyPsaIds)].filter((id) => id !== MSP_COMPANY_ID).sort((a, b) => a - b);
    if (ids.length === 0) return delivery.outcome();
    await readContacts(this.#client, ids, onProgress, {
      batchSize: this.#options.contactBatchSize,
      parallel: this.#options.batchConcurrency,
      judge: createJudge('contact', delivery, this.#options.logger),
      deliver: (page) => delivery.deliver(page),
      count: (filter) => this.#count('Contacts', filter),
      countSelected: (selected) => this.#countContacts(selected),
      ...(this.#options.logger === undefined ? {} : { logger: this.#options.logger }),
    });
    return delivery.outcome();
  }

  /**
   * Autotask has no recycle bin: a deleted company is simply gone, so the answer is 'not-found'
   * for absent ids and 'filtered-out' for companies that exist (the MSP's own included).
   */
  async explainMissing(
    psaCompanyIds: readonly number[],
    _filter: CompanyFilter,
  ): Promise<ReadonlyMap<number, MissingCause>> {
    const ids = [...new Set(psaCompanyIds)].sort((a, b) => a - b);
    const causes = new Map<number, MissingCause>();
    const lookup = ids.filter((id) => id !== MSP_COMPANY_ID);
    if (ids.includes(MSP_COMPANY_ID)) causes.set(MSP_COMPANY_ID, 'filtered-out');
    const found = new Set<number>();
    await mapWithConcurrency(chunk(lookup, MAX_IN_VALUES), this.#options.batchConcurrency, async (batch) => {
      const present = await fetchAllPages(
        this.#client,
        {
          entity: 'Companies',
          conditions: [condition('in', 'id', batch)],
          includeFields: ['id'],
          item: idOnlySchema,
        },
        this.#options.logger,
      );
      for (const company of present) found.add(company.id);
    });
    for (const id of lookup) causes.set(id, found.has(id) ? 'filtered-out' : 'not-found');
    return causes;
  }

  async #typeLabels(): Promise<TypeLabels> {
    this.#labels ??= this.#client
      .get('Companies/entityInformation/fields', 'Companies', fieldInformationSchema)
      .then((fields) => typeLabelsFrom(fields));
    try {
      return await this.#labels;
    } catch (error) {
      this.#labels = null;
      throw error;
    }
  }

  async #count(entity: 'Companies' | 'Contacts', filter: readonly AutotaskFilter[]): Promise<number> {
    const { queryCount } = await this.#client.query(
      `${entity}/query/count`,
      entity,
      { filter },
      queryCountSchema,
    );
    return queryCount;
  }

  /** One count request per COUNT_GROUP_COMPANIES companies, not one per fetch batch: budget matters more. */
  async #countContacts(ids: readonly number[]): Promise<number> {
    let total = 0;
    for (const group of chunk(ids, COUNT_GROUP_COMPANIES)) {
      total += await this.#count('Contacts', [inAny('companyID', group)]);
    }
    return total;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
