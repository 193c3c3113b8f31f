/**
 * What a non-2xx answer means: retry it (if the request is idempotent and attempts remain) or fail
 * with a user-facing code. Providers pass a `Classifier` to override the default for their quirks;
 * returning `undefined` falls back to `defaultVerdict`.
 *
 * Example (Autotask reports bad credentials as a 500):
 *   const classify: Classifier = (status, body) =>
 *     status === 500 && body.messages.some((m) => m.includes('IntegrationCode is invalid'))
 *       ? { action: 'fail', code: 'psa_auth_failed' }
 *       : undefined;
 */
import type { ErrorCode } from '../../../src/domain/errors.js';
import type { ErrorBody } from './error-body.js';

export type Verdict =
  /** Transient: retried for idempotent requests (waiting at least `Retry-After`), else `code`. */
  | { readonly action: 'retry'; readonly code: ErrorCode }
  /** Permanent: thrown at once as AppError(code). */
  | { readonly action: 'fail'; readonly code: ErrorCode };

export type Classifier = (status: number, body: ErrorBody) => Verdict | undefined;

export function defaultVerdict(status: number): Verdict {
  if (status === 401) return { action: 'fail', code: 'psa_auth_failed' };
  if (status === 403) return { action: 'fail', code: 'psa_forbidden' };
  if (status === 429) return { action: 'retry', code: 'psa_rate_limited' };
  // 502/503/504 come from gateways and restarts in front of the PSA: worth another try.
  if (status === 502 || status === 503 || status === 504)
    return { action: 'retry', code: 'psa_server_error' };
  if (status >= 500) return { action: 'fail', code: 'psa_server_error' };
  // Other 4xx (404 for a wrong site or codebase, 400 for a request the PSA version does not
  // understand) mean the PSA is not answering the API we expect: "invalid response", whose next
  // step tells the admin to check the site.
  return { action: 'fail', code: 'psa_invalid_response' };
}

export function classifyStatus(status: number, body: ErrorBody, classifier: Classifier | undefined): Verdict {
  return classifier?.(status, body) ?? defaultVerdict(status);
}
