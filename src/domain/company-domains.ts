/**
 * Same-domain matching: a managed company whose known domain (from its users' emails, a CSV
 * `domain` column or set by hand) is the PSA company's website or its contacts' email domain.
 * Free-mail providers and the MSP's own domains say nothing about which client a person is with,
 * so they never count.
 */

/** Free-mail and ISP mail domains; a name ending in ".*" stands for every country's domain. */
const FREE_MAIL: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.*',
  'hotmail.*',
  'live.*',
  'msn.com',
  'yahoo.*',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.*',
  'aim.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'gmx.*',
  'web.de',
  't-online.de',
  'freenet.de',
  'mail.com',
  'email.com',
  'zoho.com',
  'zohomail.com',
  'yandex.*',
  'mail.ru',
  'inbox.ru',
  'bk.ru',
  'list.ru',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'tiscali.*',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'juno.com',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bigpond.com',
  'bigpond.net.au',
  'optusnet.com.au',
  'xtra.co.nz',
  'rediffmail.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'tutanota.com',
  'tuta.io',
  'mailbox.org',
  'posteo.de',
  'hushmail.com',
  'bluewin.ch',
  'telenet.be',
  'skynet.be',
  'ziggo.nl',
  'kpnmail.nl',
  'home.nl',
  'planet.nl',
  'online.no',
  'telia.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
];

const EXACT = new Set(FREE_MAIL.filter((domain) => !domain.endsWith('.*')));
const ANY_COUNTRY = new Set(
  FREE_MAIL.filter((domain) => domain.endsWith('.*')).map((domain) => domain.slice(0, -2)),
);

/**
 * The domain of an email address or a website ("https://www.Acme.com/about", "acme.com",
 * "ann@Acme.com"), lower case, without "www." or a trailing dot; null when there is none.
 */
export function domainOf(text: string): string | null {
  let host = text.trim().toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  else host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#:].*$/, '');
  host = host.replace(/^www\d?\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

/** Whether a domain is a free-mail or ISP domain ("gmail.com", "gmx.de", "yahoo.co.uk"). */
export function isFreeMail(domain: string): boolean {
  if (EXACT.has(domain)) return true;
  const [first] = domain.split('.');
  return first !== undefined && ANY_COUNTRY.has(first);
}

/** The domains that say which client a company is: free mail and the MSP's own domains dropped. */
export function meaningfulDomains(texts: readonly string[], ownDomains: readonly string[]): string[] {
  const own = new Set(ownDomains.map((domain) => domainOf(domain)).filter((domain) => domain !== null));
  const out = new Set<string>();
  for (const text of texts) {
    const domain = domainOf(text);
    if (domain === null || isFreeMail(domain) || covers(own, domain)) continue;
    out.add(domain);
  }
  return [...out].sort();
}

export interface PsaDomainSource {
  /** The PSA company's website, if it has one. */
  readonly website: string | null;
  /** Its contacts' email addresses. */
  readonly emails: readonly string[];
}

/**
 * `same domain acme.com` when a domain of the PSA company (website or contacts' emails) is one of
 * the managed company's known domains or a subdomain of one, else null.
 */
export function sameDomainReason(
  managedDomains: readonly string[],
  psa: PsaDomainSource,
  ownDomains: readonly string[],
): string | null {
  const known = new Set(meaningfulDomains(managedDomains, ownDomains));
  const theirs = meaningfulDomains(
    [...(psa.website === null ? [] : [psa.website]), ...psa.emails],
    ownDomains,
  );
  const shared = theirs.map((domain) => matchIn(known, domain)).filter((domain) => domain !== null);
  const [first, ...rest] = [...new Set(shared)].sort();
  if (first === undefined) return null;
  return rest.length === 0 ? `same domain ${first}` : `same domains ${[first, ...rest].join(', ')}`;
}

/** Known domains by managed company, so each PSA company is looked up without a scan. */
export interface DomainIndex {
  readonly byDomain: ReadonlyMap<string, readonly string[]>;
  readonly ownDomains: readonly string[];
}

export function buildDomainIndex(
  companies: readonly { readonly companyId: string; readonly domains: readonly string[] }[],
  ownDomains: readonly string[],
): DomainIndex {
  const byDomain = new Map<string, string[]>();
  for (const { companyId, domains } of companies) {
    for (const domain of meaningfulDomains(domains, ownDomains)) {
      const ids = byDomain.get(domain) ?? [];
      if (!ids.includes(companyId)) ids.push(companyId);
      byDomain.set(domain, ids);
    }
  }
  return { byDomain, ownDomains };
}

/** Managed companies sharing a domain with the PSA company, each with its reason. */
export function findSameDomain(
  psa: PsaDomainSource,
  index: DomainIndex,
): { companyId: string; reason: string }[] {
  const theirs = meaningfulDomains(
    [...(psa.website === null ? [] : [psa.website]), ...psa.emails],
    index.ownDomains,
  );
  const found = new Map<string, Set<string>>();
  for (const domain of theirs) {
    for (const candidate of parents(domain)) {
      for (const companyId of index.byDomain.get(candidate) ?? []) {
        const set = found.get(companyId) ?? new Set<string>();
        set.add(candidate);
        found.set(companyId, set);
      }
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([companyId, domains]) => {
      const list = [...domains].sort();
      return { companyId, reason: `${list.length > 1 ? 'same domains' : 'same domain'} ${list.join(', ')}` };
    });
}

/** The known domain `domain` is or lies under, if any. */
function matchIn(known: ReadonlySet<string>, domain: string): string | null {
  for (const candidate of parents(domain)) if (known.has(candidate)) return candidate;
  return null;
}

function covers(domains: ReadonlySet<string>, domain: string): boolean {
  return matchIn(domains, domain) !== null;
}

/** "mail.eu.acme.com" → itself, "eu.acme.com", "acme.com" (never a bare top-level domain). */
function parents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i += 1) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * The known domain an email address lies in (its own, else the nearest parent) and the managed
 * companies known by it; null for free mail, the MSP's own domains and unknown domains.
 */
export function domainOwners(
  email: string,
  index: DomainIndex,
): { domain: string; companyIds: readonly string[] } | null {
  const [domain] = meaningfulDomains([email], index.ownDomains);
  if (domain === undefined) return null;
  for (const candidate of parents(domain)) {
    const companyIds = index.byDomain.get(candidate);
    if (companyIds !== undefined) return { domain: candidate, companyIds };
  }
  return null;
}
