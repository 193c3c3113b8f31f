import { buildDomainIndex, type DomainIndex } from '../domain/company-domains.js';
import type { ManagedUser } from '../domain/directory.js';
import type { CompanyDomainRecord, Repositories } from '../ports/storage.js';

/**
 * Every managed company's known domains: those stored (CSV, chat) and, derived on read, the
 * domains of its users' emails, so a user who moves or leaves needs no upkeep. Free mail and the
 * MSP's own domains are dropped when the index is built.
 */
export async function loadDomainIndex(
  repos: Repositories,
  tenantId: string,
  ownDomains: readonly string[],
): Promise<DomainIndex> {
  const [stored, users] = await Promise.all([
    repos.companyDomains.listAll(tenantId),
    repos.users.listAll(tenantId),
  ]);
  return domainIndexOf(stored, users, ownDomains);
}

/** `loadDomainIndex` from rows the caller has already read. */
export function domainIndexOf(
  stored: readonly CompanyDomainRecord[],
  users: readonly ManagedUser[],
  ownDomains: readonly string[],
): DomainIndex {
  const byCompany = new Map<string, string[]>();
  const add = (companyId: string, text: string): void => {
    const list = byCompany.get(companyId) ?? [];
    list.push(text);
    byCompany.set(companyId, list);
  };
  for (const record of stored) add(record.companyId, record.domain);
  for (const user of users) add(user.companyId, user.email);
  return buildDomainIndex(
    [...byCompany.entries()].map(([companyId, domains]) => ({ companyId, domains })),
    ownDomains,
  );
}
