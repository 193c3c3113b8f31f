/**
 * Where a ConnectWise Manage site's API lives.
 *
 * - Cloud UI hosts `na|eu|au|za.myconnectwise.net` → API host `api-na.myconnectwise.net` etc.
 * - `api-*.myconnectwise.net`, on-premises hosts and loopback (the sandbox) are used as given.
 * - The codebase (`v2026_1/`) is the one the admin typed, else discovered from
 *   `{site}/login/companyinfo/{companyId}` (see connectwise-api.ts), else `v4_6_release/`, the
 *   alias cloud servers route to their current release.
 */
import { AppError } from '../../../src/domain/errors.js';
import { parseSiteUrl } from '../shared/base-url.js';

export const FALLBACK_CODEBASE = 'v4_6_release/';

export interface ConnectWiseSite {
  /** Where the admin logs in; serves /login/companyinfo. */
  readonly siteOrigin: string;
  /** Where /apis/3.0 lives. */
  readonly apiOrigin: string;
}

const CLOUD_UI_HOST = /^([a-z]{2,3})\.myconnectwise\.net$/;

export function resolveSite(site: string): ConnectWiseSite {
  const parsed = parseSiteUrl(site);
  const cloud = CLOUD_UI_HOST.exec(parsed.hostname);
  if (cloud === null) return { siteOrigin: parsed.origin, apiOrigin: parsed.origin };
  const apiOrigin = new URL(parsed.origin);
  apiOrigin.hostname = `api-${cloud[1]}.myconnectwise.net`;
  return { siteOrigin: parsed.origin, apiOrigin: apiOrigin.origin };
}

/** `v2026_1`, `/v2026_1/` and `v2026_1/` all become `v2026_1/`. */
export function normaliseCodebase(codebase: string): string {
  const trimmed = codebase.trim().replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9_.-]+$/.test(trimmed)) {
    throw new AppError('invalid_input', {
      hint: 'The codebase looks like v2026_1; leave it empty to detect it.',
    });
  }
  return `${trimmed}/`;
}
