/**
 * Turns the host or site an admin typed into a safe origin, and checks that URLs a PSA hands back
 * (paging links) stay on that origin so credentials are never sent anywhere else.
 *
 *   parseSiteUrl('na.myconnectwise.net')      -> { origin: 'https://na.myconnectwise.net', ... }
 *   parseSiteUrl('http://127.0.0.1:4010')     -> allowed: loopback only may use plain http
 *   parseSiteUrl('http://psa.example.com')    -> AppError('invalid_input', { hint })
 *   assertSameOrigin(nextUrl, origin)         -> the parsed URL, or AppError('psa_invalid_response')
 */
import { AppError } from '../../../src/domain/errors.js';

export interface SiteUrl {
  /** `scheme://host[:port]`, no trailing slash. */
  readonly origin: string;
  /** Lower-case host name without port; IPv6 without brackets. */
  readonly hostname: string;
  readonly isLoopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function reject(hint: string): never {
  throw new AppError('invalid_input', { hint });
}

export function parseSiteUrl(input: string): SiteUrl {
  const trimmed = input.trim();
  if (trimmed === '') reject('Enter the host name of your PSA site.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return reject('The site is not a valid host name.');
  }
  // Credentials in a URL would end up in logs and history; the form has its own fields for them.
  if (url.username !== '' || url.password !== '') reject('Remove the user name and password from the site.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    reject('Enter only the host name of the site, without a path (for example na.myconnectwise.net).');
  }
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const isLoopback = isLoopbackHost(hostname);
  if (url.protocol === 'http:') {
    // Plain http would send the credentials in clear text; only the local sandbox may use it.
    if (!isLoopback) reject('Use https: plain http is only allowed for a PSA on this machine.');
  } else if (url.protocol !== 'https:') {
    reject('The site must be an https address.');
  }
  return { origin: url.origin, hostname, isLoopback };
}

/**
 * A paging link from the PSA must point at the origin we authenticated against; otherwise the
 * next request would carry our credentials to a host the admin never chose.
 */
export function assertSameOrigin(link: string, origin: string): URL {
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    throw new AppError('psa_invalid_response');
  }
  if (url.origin !== origin) throw new AppError('psa_invalid_response');
  return url;
}
