/**
 * Autotask's failure forms, on top of the shared defaults. Bad credentials do not always come as
 * 401: an unknown user or a wrong integration code is a 500 with a telling message, and zone
 * discovery says "not found" for a user it does not know. None of these is retried.
 */
import type { Classifier, Verdict } from '../shared/classify.js';
import type { ErrorBody } from '../shared/error-body.js';

const AUTH_MESSAGES = [/zone information could not be determined/i, /integration ?code is invalid/i];
const THREAD_LIMIT = /thread/i;
const AUTH_FAILED: Verdict = { action: 'fail', code: 'psa_auth_failed' };

function says(body: ErrorBody, patterns: readonly RegExp[]): boolean {
  return body.messages.some((message) => patterns.some((pattern) => pattern.test(message)));
}

export const classifyAutotask: Classifier = (status, body) => {
  if (status === 401) return AUTH_FAILED;
  if (status >= 500 && says(body, AUTH_MESSAGES)) return AUTH_FAILED;
  if (status === 429) {
    // Too many threads on one endpoint clears in moments: back off and retry. Any other 429 is
    // the hourly budget: retried only if its Retry-After is short, else reported with its time.
    return THREAD_LIMIT.test(body.messages.join(' '))
      ? { action: 'retry', code: 'psa_rate_limited' }
      : { action: 'retry', code: 'psa_budget_exhausted' };
  }
  return undefined;
};

/** Zone discovery: "not found" means Autotask knows no such API user. */
export const classifyZoneDiscovery: Classifier = (status, body) =>
  status === 404 ? AUTH_FAILED : classifyAutotask(status, body);
