import { AppError } from '../../domain/errors.js';
import { findNameConflicts } from '../../domain/import-duplicates.js';
import type { Repositories } from '../../ports/storage.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { pageWindow } from '../paging.js';
import type { View } from '../views.js';

const MAX_NAME = 200;

/** Control characters never belong in a company name; whitespace runs collapse to one space. */
export function cleanCompanyName(raw: string): string {
  const printable = Array.from(raw, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? ' ' : char;
  }).join('');
  return printable.replace(/\s+/g, ' ').trim();
}

/**
 * Adds managed companies by hand or from a CSV. A name that is the same once normalised as one in
 * the directory or earlier in the batch ("Acme, Inc." beside "ACME Inc") is skipped, not
 * duplicated, and the existing name is returned so the admin sees which company it is.
 */
export async function addManagedCompanies(
  deps: AppDeps,
  tenantId: string,
  actorKey: string,
  rawNames: readonly string[],
): Promise<{ added: number; skipped: number; existingNames: readonly (string | null)[] }> {
  const { ids, existingNames } = await deps.storage.transaction((repos) =>
    insertManagedCompanies(deps, repos, tenantId, actorKey, rawNames),
  );
  const added = ids.filter((id) => id !== null).length;
  return { added, skipped: rawNames.length - added, existingNames };
}

/**
 * `addManagedCompanies` on a transaction the caller holds, with the id of each company added
 * (null where the name was refused), so a CSV import stores its domains in the same transaction.
 */
export async function insertManagedCompanies(
  deps: AppDeps,
  repos: Repositories,
  tenantId: string,
  actorKey: string,
  rawNames: readonly string[],
): Promise<{ ids: readonly (string | null)[]; existingNames: readonly (string | null)[] }> {
  const names = rawNames.map(cleanCompanyName);
  const bad = names.find((name) => name === '' || name.length > MAX_NAME);
  if (bad !== undefined) {
    throw new AppError('invalid_input', { hint: `company names must have 1 to ${MAX_NAME} characters` });
  }
  // The same normalised name as a company that exists or an earlier name of this batch ("Gamma
  // Co." beside "Gamma Co") is refused; a merely similar name is a different company.
  const conflicts = findNameConflicts(names, await repos.companies.listAll(tenantId));
  const now = deps.clock.now().toISOString();
  const ids = names.map((_, index) => (conflicts[index] === null ? deps.ids.next() : null));
  const fresh = names.flatMap((name, index) => {
    const id = ids[index];
    return id === null || id === undefined ? [] : [{ id, name, createdAt: now }];
  });
  await repos.companies.insertMany(tenantId, fresh);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId,
      runId: null,
      actorKey,
      action: 'companies.added',
      detail: { added: fresh.length, skipped: names.length - fresh.length },
    },
  );
  return { ids, existingNames: conflicts.map((conflict) => conflict?.existingName ?? null) };
}

export const COMPANIES_PAGE_SIZE = 50;

/** One page of the managed companies matching `query`, with the count of matches and of all. */
export async function companiesView(deps: AppDeps, access: Access, query: string, page = 0): Promise<View> {
  const { repos } = deps.storage;
  const text = query.trim().slice(0, 100);
  const [matches, total] = await Promise.all([
    text === ''
      ? repos.companies.count(access.tenant.id)
      : repos.companies.countMatching(access.tenant.id, text),
    repos.companies.count(access.tenant.id),
  ]);
  const window = pageWindow(matches, { page, pageSize: COMPANIES_PAGE_SIZE });
  const companies = await repos.companies.searchPage(access.tenant.id, text, window.offset, window.limit);
  return {
    kind: 'companies',
    companies: companies.map(({ id, name }) => ({ id, name })),
    total,
    query: text,
    paging: window.info,
  };
}

export async function addCompanyView(deps: AppDeps, access: Access, name: string): Promise<View> {
  const { added, existingNames } = await addManagedCompanies(deps, access.tenant.id, access.actorKey, [name]);
  return added === 1
    ? { kind: 'notice', tone: 'success', text: 'Managed company added', subject: cleanCompanyName(name) }
    : {
        kind: 'notice',
        tone: 'info',
        text: 'Not added: a managed company with the same name already exists',
        subject: existingNames[0] ?? cleanCompanyName(name),
      };
}

export async function searchCompaniesView(
  deps: AppDeps,
  access: Access,
  query: string,
  limit: number,
): Promise<View> {
  const companies = await deps.storage.repos.companies.search(
    access.tenant.id,
    query.trim().slice(0, 100),
    Math.min(100, Math.max(1, limit)),
  );
  return { kind: 'company-options', options: companies.map(({ id, name }) => ({ id, name })) };
}
