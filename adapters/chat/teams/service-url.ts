/**
 * Outbound calls carry the bot's token, so they go only to Bot Connector hosts we trust, whatever
 * `serviceUrl` an activity names. Defaults: the Teams service in the public cloud and in the US
 * government clouds. An entry `*.example.com` allows the subdomains of example.com.
 */
export const DEFAULT_SERVICE_URL_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule.startsWith('*.')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
    return host === rule;
  });
}

/**
 * The service URL without a trailing slash when it may be called, else null. Plain http is for
 * loopback hosts only (tests and local development, which must list them explicitly).
 */
export function allowedServiceUrl(raw: string, allowedHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) return null;
  if (!hostAllowed(host, allowedHosts)) return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
