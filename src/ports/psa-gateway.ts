import type { Provider } from '../domain/provider.js';
import type {
  CompanyFilter,
  FilterOptions,
  MissingCause,
  PsaCompany,
  PsaContact,
} from '../domain/psa-records.js';
import type { Secret } from '../domain/secret.js';

/** A field of a provider's credential form (the private form in each chat). */
export interface CredentialField {
  readonly key: string;
  readonly label: string;
  /** Typed into a hidden input and never shown again. */
  readonly secret: boolean;
  readonly optional: boolean;
  readonly hint: string;
}

export type PsaCredentials = Secret<Readonly<Record<string, string>>>;

export interface FetchProgress {
  readonly phase: 'companies' | 'contacts';
  readonly done: number;
  /** From the PSA's count endpoint; null when unknown. */
  readonly total: number | null;
}

export type ProgressListener = (progress: FetchProgress) => void;

/** A PSA record the provider could not import (malformed, no usable id or name). */
export interface SkippedRecord {
  readonly entity: 'company' | 'contact';
  /** The PSA id when the record had a usable one. */
  readonly psaId: number | null;
  /** Our words ("unexpected data in status"), never raw PSA text. */
  readonly reason: string;
}

/**
 * Receives each validated page as it arrives. Called one page at a time (never concurrently); the
 * fetch awaits it (back-pressure), so the caller can write the page to the database before the
 * next one is handed over. A sink that throws ends the fetch with that error.
 */
export type PageSink<T> = (records: readonly T[]) => Promise<void>;

export interface FetchOutcome {
  /** Records handed to the sink. */
  readonly records: number;
  /** Every record skipped. */
  readonly skippedCount: number;
  /** The first few skipped (providers cap it at 20), to name in the review and result. */
  readonly skipped: readonly SkippedRecord[];
}

/**
 * One authenticated conversation with a PSA. Every method throws AppError with a psa_* code (or
 * credentials_required) on failure; nothing else escapes.
 */
export interface PsaSession {
  readonly provider: Provider;
  testConnection(): Promise<void>;
  filterOptions(): Promise<FilterOptions>;
  /** Every company the filter selects; never deleted ones, never the MSP's own company. */
  fetchCompanies(
    filter: CompanyFilter,
    onProgress: ProgressListener,
    onPage: PageSink<PsaCompany>,
  ): Promise<FetchOutcome>;
  /** Every contact of the given companies, each once. */
  fetchContacts(
    companyPsaIds: readonly number[],
    onProgress: ProgressListener,
    onPage: PageSink<PsaContact>,
  ): Promise<FetchOutcome>;
  /** Why companies imported before were not fetched this time. */
  explainMissing(
    psaCompanyIds: readonly number[],
    filter: CompanyFilter,
  ): Promise<ReadonlyMap<number, MissingCause>>;
  /** Requests made so far by this session. */
  requestCount(): number;
}

export interface PsaGateway {
  credentialFields(provider: Provider): readonly CredentialField[];
  /**
   * Checks the credentials' shape (credentials_required when a required field is empty,
   * invalid_input with a hint otherwise) and returns a session. Makes no request yet.
   */
  open(provider: Provider, credentials: PsaCredentials): PsaSession;
}
