import type { DirectoryState } from '../../domain/apply-writes.js';
import { emailKey } from '../../domain/contact-identity.js';
import type { PlannedCompany, PlannedUser } from '../../domain/plan-model.js';
import type { Repositories } from '../../ports/storage.js';

/** Where the apply writes: a tenant's directory and the map of one of its integrations. */
export interface ApplyTarget {
  readonly tenantId: string;
  readonly integrationId: string;
}

function byKey<K, V>(values: readonly V[], key: (value: V) => K): Map<K, V> {
  return new Map(values.map((value) => [key(value), value]));
}

/**
 * The part of the directory a chunk of companies can touch: their links, the companies those
 * name and the companies a map decision chose. Read after the earlier chunks' writes, which never
 * touch these rows: each PSA company is in one chunk and new companies get new ids.
 */
export async function companyChunkState(
  repos: Repositories,
  target: ApplyTarget,
  companies: readonly PlannedCompany[],
): Promise<DirectoryState> {
  const links = await repos.companyMap.findByPsaIds(
    target.integrationId,
    companies.map((company) => company.psaCompanyId),
  );
  const chosen = companies.flatMap((company) =>
    company.decision.kind === 'map' ? [company.decision.companyId] : [],
  );
  const found = await repos.companies.getMany(target.tenantId, [
    ...links.map((link) => link.managedCompanyId),
    ...chosen,
  ]);
  return {
    companies: byKey(found, (company) => company.id),
    companyLinks: byKey(links, (link) => link.psaCompanyId),
    contactLinks: new Map(),
    usersById: new Map(),
    usersByEmail: new Map(),
  };
}

/**
 * The part of the directory a chunk of users can touch: their links, the users those and the map
 * decisions name, the users already holding their emails and those users' companies. Users this
 * apply created in earlier chunks may come back by email; the tally's created emails catch them
 * first, as when the whole plan was applied at once.
 */
export async function userChunkState(
  repos: Repositories,
  target: ApplyTarget,
  users: readonly PlannedUser[],
): Promise<DirectoryState> {
  const links = await repos.contactMap.findByPsaIds(
    target.integrationId,
    users.map((user) => user.psaContactId),
  );
  const chosen = users.flatMap((user) => (user.decision.kind === 'map' ? [user.decision.userId] : []));
  const byId = await repos.users.getMany(target.tenantId, [
    ...links.map((link) => link.managedUserId),
    ...chosen,
  ]);
  const byEmail = await repos.users.findByEmails(
    target.tenantId,
    users.map((user) => emailKey(user.email)),
  );
  const owners = await repos.companies.getMany(
    target.tenantId,
    byEmail.map((user) => user.companyId),
  );
  return {
    companies: byKey(owners, (company) => company.id),
    companyLinks: new Map(),
    contactLinks: byKey(links, (link) => link.psaContactId),
    usersById: byKey(byId, (user) => user.id),
    usersByEmail: byKey(byEmail, (user) => user.email.toLowerCase()),
  };
}
