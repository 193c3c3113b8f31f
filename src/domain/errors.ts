/**
 * Every failure the user can see has a stable code from this closed union. Chat adapters map each
 * code to a message with an exhaustive switch, so adding a code fails the build until every
 * surface says something for it.
 */
export const ERROR_CODES = [
  'credentials_required',
  'integration_locked',
  'insufficient_licenses',
  'psa_server_error',
  'psa_auth_failed',
  'psa_forbidden',
  'psa_invalid_response',
  'psa_rate_limited',
  'psa_budget_exhausted',
  'psa_timeout',
  'psa_unreachable',
  'approval_expired',
  'not_admin',
  'cannot_approve_own',
  'run_not_found',
  'run_finished',
  'lock_lost',
  'unknown_provider',
  'unknown_company',
  'unknown_user',
  'invalid_input',
  'foreign_user',
  'shared_channel',
  'stale_view',
  'import_pending_approval',
  'database_unavailable',
  'credentials_unreadable',
  'duplicate_creates',
  'stored_data_invalid',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Safe details an error may carry to its message. Never secrets, never raw PSA output. */
export interface ErrorDetails {
  /** Seconds until a retry is worth it (rate limits, budgets). */
  readonly retryAfterSeconds?: number;
  /** Free licences and licences needed (insufficient_licenses). */
  readonly licencesFree?: number;
  readonly licencesNeeded?: number;
  /**
   * A short hint in our own words (invalid_input: what was wrong; run_finished: its state;
   * duplicate_creates: the rows, by name and PSA id; stored_data_invalid: which record and field).
   */
  readonly hint?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    // The message is the code on purpose: user text is chosen by each adapter, and a cause's
    // message (possibly raw PSA output) must not leak through `message`.
    super(code, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
