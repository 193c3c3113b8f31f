import { contactDisplayName, emailKey, primaryEmail } from './contact-identity.js';
import type { ManagedUser } from './directory.js';
import type { ContactLink } from './mapping.js';
import type { MissingCause, PsaContact } from './psa-records.js';
import type { MissingRow, ReviewRow } from './review.js';

/**
 * What a change digest reports (issue 14): how the PSA differs from what the bot knows, where
 * "knows" is the map plus what the last applied import saw. Whatever that import showed the admin
 * (a company they skipped, a contact already inactive, an email already changed) counts as seen,
 * so the digest names only what changed since.
 */

/** What the last applied import of the integration saw; null fields: it did not look. */
export interface DigestBaseline {
  /** PSA company ids it fetched. */
  readonly companies: ReadonlySet<number>;
  /** Mapped companies it found missing, with the cause it found. */
  readonly missing: ReadonlyMap<number, MissingCause>;
  /** Contacts it fetched: whether active and the email (lower-cased) a user would get. */
  readonly contacts: ReadonlyMap<number, { readonly active: boolean; readonly email: string | null }>;
  /** PSA companies whose contacts it fetched; empty when it imported companies only. */
  readonly contactsOf: ReadonlySet<number>;
}

export const EMPTY_BASELINE: DigestBaseline = {
  companies: new Set(),
  missing: new Map(),
  contacts: new Map(),
  contactsOf: new Set(),
};

export interface DigestCompany {
  readonly psaCompanyId: number;
  readonly name: string;
  /** The managed company it may duplicate (potential duplicates only). */
  readonly similarTo: string | null;
}

export interface DigestMissingCompany {
  readonly psaCompanyId: number;
  /** The managed company it was imported into. */
  readonly name: string;
  readonly cause: MissingCause;
  readonly reason: string;
}

export interface DigestContact {
  readonly psaContactId: number;
  readonly name: string;
  readonly companyName: string;
}

export interface DigestEmailChange extends DigestContact {
  readonly from: string;
  readonly to: string | null;
}

export interface DigestChanges {
  readonly newCompanies: readonly DigestCompany[];
  readonly missingCompanies: readonly DigestMissingCompany[];
  readonly newContacts: readonly DigestContact[];
  readonly inactiveContacts: readonly DigestContact[];
  readonly goneContacts: readonly DigestContact[];
  readonly changedEmails: readonly DigestEmailChange[];
}

export interface DigestInput {
  /** The fresh fetch, classified against the map (`companyClassifier`). */
  readonly rows: readonly ReviewRow[];
  /** Mapped companies the fetch did not return, with their likely reason (`missingRows`). */
  readonly missing: readonly MissingRow[];
  /** Contacts of the mapped companies that came back. */
  readonly contacts: readonly PsaContact[];
  readonly contactLinks: readonly ContactLink[];
  readonly users: readonly ManagedUser[];
  readonly baseline: DigestBaseline;
}

function byName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function computeDigest(input: DigestInput): DigestChanges {
  const { baseline } = input;
  const newCompanies: DigestCompany[] = [];
  /** Mapped PSA company → its name and the managed company it lands in. */
  const mapped = new Map<number, { name: string; managedId: string }>();
  for (const row of input.rows) {
    if (row.mappedTo !== null) {
      mapped.set(row.company.psaId, { name: row.company.name, managedId: row.mappedTo.id });
    } else if (!baseline.companies.has(row.company.psaId)) {
      newCompanies.push({
        psaCompanyId: row.company.psaId,
        name: row.company.name,
        similarTo: row.candidates[0]?.companyName ?? null,
      });
    }
  }
  const missingCompanies = input.missing
    .filter((row) => baseline.missing.get(row.psaCompanyId) !== row.cause)
    .map((row) => ({
      psaCompanyId: row.psaCompanyId,
      name: row.managedCompanyName,
      cause: row.cause,
      reason: row.reason,
    }));

  const usersById = new Map(input.users.map((user) => [user.id, user]));
  const links = new Map(input.contactLinks.map((link) => [link.psaContactId, link]));
  const newContacts: DigestContact[] = [];
  const inactiveContacts: DigestContact[] = [];
  const changedEmails: DigestEmailChange[] = [];
  const seen = new Set<number>();
  for (const contact of input.contacts) {
    const company = mapped.get(contact.companyPsaId);
    if (company === undefined || seen.has(contact.psaId)) continue;
    seen.add(contact.psaId);
    const before = baseline.contacts.get(contact.psaId);
    const email = primaryEmail(contact.emails);
    const key = email === null ? null : emailKey(email);
    const entry = {
      psaContactId: contact.psaId,
      name: contactDisplayName(contact),
      companyName: company.name,
    };
    const link = links.get(contact.psaId);
    const user = link === undefined ? undefined : usersById.get(link.managedUserId);
    if (user === undefined) {
      // Without a contact fetch of this company to compare with, every contact would look new.
      const covered = baseline.contactsOf.has(contact.companyPsaId);
      if (contact.active && covered && before === undefined) newContacts.push(entry);
      continue;
    }
    if (!contact.active) {
      if (before === undefined || before.active) inactiveContacts.push(entry);
      continue;
    }
    if (key !== emailKey(user.email) && (before === undefined || before.email !== key)) {
      changedEmails.push({ ...entry, from: user.email, to: email });
    }
  }

  // Imported users of companies that came back, whose contact did not.
  const fetchedCompanyOf = new Map<string, { psaId: number; name: string }>();
  for (const [psaId, company] of mapped)
    fetchedCompanyOf.set(company.managedId, { psaId, name: company.name });
  const goneContacts: DigestContact[] = [];
  for (const link of input.contactLinks) {
    if (seen.has(link.psaContactId)) continue;
    const user = usersById.get(link.managedUserId);
    const company = user === undefined ? undefined : fetchedCompanyOf.get(user.companyId);
    if (user === undefined || company === undefined) continue;
    // Already gone when the last import looked at this company: seen then.
    if (baseline.contactsOf.has(company.psaId) && !baseline.contacts.has(link.psaContactId)) continue;
    goneContacts.push({ psaContactId: link.psaContactId, name: user.displayName, companyName: company.name });
  }

  return {
    newCompanies: byName(newCompanies),
    missingCompanies: byName(missingCompanies),
    newContacts: byName(newContacts),
    inactiveContacts: byName(inactiveContacts),
    goneContacts: byName(goneContacts),
    changedEmails: byName(changedEmails),
  };
}

/** One stable key per reported change; a change that changes again gets a new key. */
export function changeKeys(changes: DigestChanges): string[] {
  return [
    ...changes.newCompanies.map((c) => `company-new:${c.psaCompanyId}`),
    ...changes.missingCompanies.map((c) => `company-missing:${c.psaCompanyId}:${c.cause}`),
    ...changes.newContacts.map((c) => `contact-new:${c.psaContactId}`),
    ...changes.inactiveContacts.map((c) => `contact-inactive:${c.psaContactId}`),
    ...changes.goneContacts.map((c) => `contact-gone:${c.psaContactId}`),
    ...changes.changedEmails.map((c) => `email:${c.psaContactId}:${c.to === null ? '' : emailKey(c.to)}`),
  ].sort();
}

export function changeCount(changes: DigestChanges): number {
  return (
    changes.newCompanies.length +
    changes.missingCompanies.length +
    changes.newContacts.length +
    changes.inactiveContacts.length +
    changes.goneContacts.length +
    changes.changedEmails.length
  );
}

/** A short, stable fingerprint of a change set (FNV-1a, 2×32 bits): not a secret, only a name. */
export function fingerprint(keys: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ keys.length;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193) >>> 0;
      b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
    }
    a = Math.imul(a ^ 10, 0x01000193) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

export type DigestDecision = 'quiet' | 'already-reported' | 'report';

/**
 * Nothing changed: quiet. Every change was in the last digest: already reported (one digest per
 * change set). Anything new among them: report the whole set again, so the digest stands alone.
 */
export function digestDecision(
  keys: readonly string[],
  lastReported: readonly string[] | null,
): DigestDecision {
  if (keys.length === 0) return 'quiet';
  if (lastReported === null) return 'report';
  const reported = new Set(lastReported);
  return keys.every((key) => reported.has(key)) ? 'already-reported' : 'report';
}
