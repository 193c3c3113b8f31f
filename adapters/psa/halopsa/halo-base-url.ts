/**
 * The Halo web application URL an admin types, as the base every request is built on. Halo runs
 * hosted (`https://<tenant>.halopsa.com`, `https://<tenant>.haloitsm.com`), on custom domains and
 * on-premises, sometimes under a path, so unlike the other PSAs' "site" this is a full URL. Plain
 * http is allowed for loopback only, as for the other providers: it would carry the client secret
 * in clear text.
 *
 *   parseHaloBaseUrl('acme.halopsa.com')                -> { base: 'https://acme.halopsa.com', ... }
 *   parseHaloBaseUrl('https://help.acme.com/halo/api/') -> { base: 'https://help.acme.com/halo', ... }
 *   parseHaloBaseUrl('http://127.0.0.1:4012')           -> allowed (loopback)
 */
import { AppError } from '../../../src/domain/errors.js';
import { isLoopbackHost } from '../shared/base-url.js';

export interface HaloBaseUrl {
  /** Scheme, host, port and path prefix, without a trailing slash or `/api`. */
  readonly base: string;
  readonly origin: string;
  readonly hostname: string;
  /** Halo-hosted (halopsa.com, haloitsm.com, haloservicedesk.com): a tenant may apply. */
  readonly hosted: boolean;
}

const HOSTED_DOMAINS = ['halopsa.com', 'haloitsm.com', 'haloservicedesk.com', 'halocrm.com'];

function reject(hint: string): never {
  throw new AppError('invalid_input', { hint });
}

export function parseHaloBaseUrl(input: string): HaloBaseUrl {
  const trimmed = input.trim();
  if (trimmed === '') reject('Enter the Halo web address, for example https://yourcompany.halopsa.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return reject('The Halo address is not a valid web address.');
  }
  if (url.username !== '' || url.password !== '')
    reject('Remove the user name and password from the address.');
  if (url.search !== '' || url.hash !== '') reject('Enter the Halo address without ? or # parts.');
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(hostname))
      reject('Use https: plain http is only allowed for a Halo on this machine.');
  } else if (url.protocol !== 'https:') {
    reject('The Halo address must be an https address.');
  }
  // People paste the resource server ("…/api") or the auth server ("…/auth") from Halo's API page.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(api|auth)$/i, '');
  const hosted = HOSTED_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
  return { base: `${url.origin}${path}`, origin: url.origin, hostname, hosted };
}

/** An auth server URL from `/api/authinfo`: https, or http on loopback only. */
export function checkAuthServerUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname.replace(/^\[(.*)\]$/, '$1'))) return url;
  return null;
}
