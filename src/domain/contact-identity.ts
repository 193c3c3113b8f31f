import type { PsaContact } from './psa-records.js';

// Deliberately loose: it only weeds out what cannot be an address (no "@", spaces).
const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The address a new user would get: the first plausible one, trimmed; null when there is none. */
export function primaryEmail(emails: readonly string[]): string | null {
  for (const email of emails) {
    const trimmed = email.trim();
    if (PLAUSIBLE_EMAIL.test(trimmed)) return trimmed;
  }
  return null;
}

/** Emails are unique per tenant case-insensitively; this is the form they are compared in. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function contactDisplayName(contact: PsaContact): string {
  const name = `${contact.firstName} ${contact.lastName}`.replace(/\s+/g, ' ').trim();
  return name !== '' ? name : (primaryEmail(contact.emails) ?? `contact ${contact.psaId}`);
}
