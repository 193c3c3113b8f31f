import { type DomainIndex, domainOwners } from './company-domains.js';

/**
 * Issue 11, users step: the contact's email domain is a known domain of other managed companies
 * than the one it is imported into (the PSA files bob@globex.com under Acme). A note for the admin,
 * never a block: people do move, and consultants carry their own firm's address.
 */
export interface DomainOwnerNote {
  readonly domain: string;
  /** The other companies known by the domain, by name, sorted. */
  readonly companyNames: readonly string[];
}

/**
 * The note for a contact landing in `targetCompanyId` (null: a company this import creates); null
 * when the domain is unknown, free mail, the MSP's own, or also a domain of the target company.
 */
export function domainOwnerNote(
  email: string | null,
  targetCompanyId: string | null,
  index: DomainIndex,
  companyNames: ReadonlyMap<string, string>,
): DomainOwnerNote | null {
  if (email === null) return null;
  const owners = domainOwners(email, index);
  if (owners === null || (targetCompanyId !== null && owners.companyIds.includes(targetCompanyId)))
    return null;
  const names = owners.companyIds.map((id) => companyNames.get(id) ?? id);
  return { domain: owners.domain, companyNames: [...new Set(names)].sort() };
}

/** "email domain globex.com belongs to Globex" (or "to Globex and Initech"). */
export function domainOwnerText(note: DomainOwnerNote): string {
  const names = note.companyNames;
  const list =
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `email domain ${note.domain} belongs to ${list}`;
}
