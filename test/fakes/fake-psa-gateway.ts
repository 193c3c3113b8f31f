import { AppError, type ErrorCode, type ErrorDetails } from '../../src/domain/errors.js';
import type { Provider } from '../../src/domain/provider.js';
import type {
  CompanyFilter,
  FilterOptions,
  MissingCause,
  PsaCompany,
  PsaContact,
} from '../../src/domain/psa-records.js';
import type {
  CredentialField,
  FetchOutcome,
  PageSink,
  ProgressListener,
  PsaCredentials,
  PsaGateway,
  PsaSession,
  SkippedRecord,
} from '../../src/ports/psa-gateway.js';

export const FAKE_FILTER_OPTIONS: FilterOptions = {
  types: [
    { id: '1', name: 'Client', isDefault: true },
    { id: '2', name: 'Vendor', isDefault: false },
  ],
  statuses: [],
};

/**
 * An in-process PSA for core tests: serves the companies and contacts it is given, applies the
 * type and active filter, can fail with a chosen code, and counts requests.
 */
export class FakePsaGateway implements PsaGateway {
  companies: PsaCompany[] = [];
  contacts: PsaContact[] = [];
  deleted = new Set<number>();
  /** Every call fails with this code while set. */
  fault: ErrorCode | null = null;
  /** Details the fault carries (a rate limit's retry time). */
  faultDetails: ErrorDetails = {};
  /** Credentials the PSA accepts: the `apiKey` field must equal this. */
  acceptedKey = 'good-key';
  requests = 0;
  /** Progress with the total (as from a count endpoint), or without (total null). */
  reportsTotals = true;
  /** Records per page handed to the sink. */
  pageSize = 1000;
  /** Reported as skipped by every fetch of that entity, as a provider would for malformed records. */
  skipped: SkippedRecord[] = [];

  async #deliver<T>(
    records: readonly T[],
    onPage: PageSink<T>,
    entity: SkippedRecord['entity'],
  ): Promise<FetchOutcome> {
    for (let i = 0; i < records.length; i += this.pageSize) await onPage(records.slice(i, i + this.pageSize));
    const skipped = this.skipped.filter((record) => record.entity === entity);
    return { records: records.length, skippedCount: skipped.length, skipped: skipped.slice(0, 20) };
  }

  credentialFields(_provider: Provider): readonly CredentialField[] {
    return [{ key: 'apiKey', label: 'API key', secret: true, optional: false, hint: '' }];
  }

  open(provider: Provider, credentials: PsaCredentials): PsaSession {
    const key = credentials.reveal().apiKey ?? '';
    if (key === '') throw new AppError('credentials_required');
    const fake = this;
    let count = 0;
    const call = async (): Promise<void> => {
      count++;
      fake.requests++;
      if (fake.fault !== null) throw new AppError(fake.fault, fake.faultDetails);
      if (key !== fake.acceptedKey) throw new AppError('psa_auth_failed');
    };
    const selected = (filter: CompanyFilter, company: PsaCompany): boolean =>
      !fake.deleted.has(company.psaId) &&
      (!filter.activeOnly || company.active) &&
      (filter.typeIds.length === 0 ||
        company.typeNames.some((name) =>
          FAKE_FILTER_OPTIONS.types.some((type) => type.name === name && filter.typeIds.includes(type.id)),
        ));
    return {
      provider,
      testConnection: call,
      async filterOptions() {
        await call();
        return FAKE_FILTER_OPTIONS;
      },
      async fetchCompanies(
        filter: CompanyFilter,
        onProgress: ProgressListener,
        onPage: PageSink<PsaCompany>,
      ) {
        await call();
        const found = fake.companies.filter((company) => selected(filter, company));
        onProgress({
          phase: 'companies',
          done: found.length,
          total: fake.reportsTotals ? found.length : null,
        });
        return fake.#deliver(found, onPage, 'company');
      },
      async fetchContacts(
        ids: readonly number[],
        onProgress: ProgressListener,
        onPage: PageSink<PsaContact>,
      ) {
        await call();
        const wanted = new Set(ids);
        const found = fake.contacts.filter((contact) => wanted.has(contact.companyPsaId));
        onProgress({
          phase: 'contacts',
          done: found.length,
          total: fake.reportsTotals ? found.length : null,
        });
        return fake.#deliver(found, onPage, 'contact');
      },
      async explainMissing(ids: readonly number[], filter: CompanyFilter) {
        await call();
        const causes = new Map<number, MissingCause>();
        for (const id of ids) {
          const company = fake.companies.find((candidate) => candidate.psaId === id);
          if (company === undefined) causes.set(id, 'not-found');
          else if (fake.deleted.has(id)) causes.set(id, 'deleted');
          else if (!selected(filter, company)) causes.set(id, 'filtered-out');
        }
        return causes;
      },
      requestCount: () => count,
    };
  }
}

export function company(psaId: number, name: string, extra: Partial<PsaCompany> = {}): PsaCompany {
  return {
    psaId,
    name,
    typeNames: ['Client'],
    statusName: 'Active',
    nameCut: false,
    active: true,
    updatedAt: null,
    ...extra,
  };
}

export function contact(
  psaId: number,
  companyPsaId: number,
  email: string | null,
  extra: Partial<PsaContact> = {},
): PsaContact {
  return {
    psaId,
    companyPsaId,
    firstName: `First${psaId}`,
    lastName: `Last${psaId}`,
    emails: email === null ? [] : [email],
    active: true,
    typeNames: [],
    ...extra,
  };
}
