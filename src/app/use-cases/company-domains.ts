import { domainOf, isFreeMail, meaningfulDomains } from '../../domain/company-domains.js';
import type { ManagedCompany } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import { foldText } from '../../domain/text-fold.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { View } from '../views.js';
import { cleanCompanyName } from './managed-companies.js';

/**
 * A domain the admin may give a company: a real domain, not free mail, not the MSP's own. The
 * refusal names the rule, never the text typed.
 */
export function acceptableDomain(text: string, ownDomains: readonly string[]): string {
  const checked = checkDomain(text, ownDomains);
  if ('refused' in checked) throw new AppError('invalid_input', { hint: checked.refused });
  return checked.domain;
}

/** `acceptableDomain` without throwing, for a bulk import that reports each row. */
export function checkDomain(
  text: string,
  ownDomains: readonly string[],
): { readonly domain: string } | { readonly refused: string } {
  const domain = domainOf(text);
  if (domain === null) return { refused: 'give a domain such as acme.com' };
  if (isFreeMail(domain)) return { refused: 'a free-mail domain never identifies a client' };
  if (meaningfulDomains([domain], ownDomains).length === 0)
    return { refused: "the MSP's own domains (MSP_OWN_DOMAINS) never count" };
  return { domain };
}

/** The one managed company whose name is `name` once folded (case, accents, spacing). */
async function companyNamed(deps: AppDeps, tenantId: string, name: string): Promise<ManagedCompany> {
  const wanted = foldText(cleanCompanyName(name));
  const found = (await deps.storage.repos.companies.search(tenantId, cleanCompanyName(name), 50)).filter(
    (company) => foldText(company.name) === wanted,
  );
  const [only, ...others] = found;
  if (only === undefined)
    throw new AppError('invalid_input', {
      hint: 'no managed company has that name; list them with /psa companies <text>',
    });
  if (others.length > 0)
    throw new AppError('invalid_input', { hint: 'several managed companies have that name' });
  return only;
}

/**
 * `/psa companies domain [remove] <company> <domain>`: a known domain set or removed by hand, so a
 * PSA company with that website is flagged as a possible duplicate (issue 11). Audited.
 */
export async function setCompanyDomainView(
  deps: AppDeps,
  access: Access,
  action: 'add' | 'remove',
  companyName: string,
  domainText: string,
): Promise<View> {
  const tenantId = access.tenant.id;
  const domain =
    action === 'add' ? acceptableDomain(domainText, deps.settings.ownDomains ?? []) : domainOf(domainText);
  if (domain === null) throw new AppError('invalid_input', { hint: 'give a domain such as acme.com' });
  const company = await companyNamed(deps, tenantId, companyName);
  const changed = await deps.storage.transaction(async (repos) => {
    const had = (await repos.companyDomains.listByCompany(tenantId, company.id)).some(
      (record) => record.domain === domain,
    );
    if (action === 'add' && !had)
      await repos.companyDomains.add(
        tenantId,
        [{ companyId: company.id, domain, source: 'chat' }],
        deps.clock.now().toISOString(),
      );
    const removed = action === 'remove' && (await repos.companyDomains.remove(tenantId, company.id, domain));
    const done = action === 'add' ? !had : removed;
    if (done)
      await audit(
        { repos, clock: deps.clock, ids: deps.ids },
        {
          tenantId,
          runId: null,
          actorKey: access.actorKey,
          action: action === 'add' ? 'companies.domain-added' : 'companies.domain-removed',
          detail: { companyId: company.id, domain },
        },
      );
    return done;
  });
  const text =
    action === 'add'
      ? changed
        ? `Domain ${domain} added; PSA companies with this website are flagged as possible duplicates of:`
        : `Domain ${domain} was already known for:`
      : changed
        ? `Domain ${domain} removed from:`
        : `Domain ${domain} was not set by hand or CSV for:`;
  return { kind: 'notice', tone: changed ? 'success' : 'info', text, subject: company.name };
}
