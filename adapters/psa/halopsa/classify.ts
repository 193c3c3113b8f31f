/**
 * Halo's failure forms on top of the shared status mapping. Error bodies come in several shapes
 * (`{error}` from the auth server, `{resultCode, errorMessage}`, `{ClassName, Message}`,
 * `{Message}`, field-keyed validation objects, HTML), so the verdict is taken from the status
 * code, and the body is only read for the OAuth error codes that the auth server sends with a
 * 400 as often as with a 401.
 */
import type { Classifier, Verdict } from '../shared/classify.js';
import type { ErrorBody } from '../shared/error-body.js';

const AUTH_FAILED: Verdict = { action: 'fail', code: 'psa_auth_failed' };
const BAD_CLIENT = /\b(invalid_client|unauthorized_client|invalid_grant)\b/i;
const BAD_SCOPE = /\binvalid_scope\b/i;

function says(body: ErrorBody, pattern: RegExp): boolean {
  return (
    body.messages.some((message) => pattern.test(message)) || (body.code !== null && pattern.test(body.code))
  );
}

/** The token endpoint: a wrong client id or secret is `invalid_client`, with 400 or 401. */
export const classifyHaloToken: Classifier = (status, body) => {
  if (status === 400 || status === 401) {
    if (says(body, BAD_SCOPE)) return { action: 'fail', code: 'psa_forbidden' };
    if (status === 401 || says(body, BAD_CLIENT)) return AUTH_FAILED;
  }
  // A missing token endpoint means the address is not a Halo (or the auth server moved).
  if (status === 404 || status === 405) return { action: 'fail', code: 'psa_invalid_response' };
  return undefined;
};
