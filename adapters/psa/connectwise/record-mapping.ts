/**
 * Turns validated ConnectWise records into the core's PsaCompany / PsaContact.
 *
 * - A company is active unless its status has `inactiveFlag` (a status we do not know, or none,
 *   counts as active: hiding a company is worse than showing one the admin can leave out).
 * - `_info.lastUpdated` becomes ISO 8601 UTC; a stamp without a zone is read as UTC.
 * - Contact emails are the `communicationItems` of type Email, default first, cleaned (psa-text.ts),
 *   without blanks or case-insensitive repeats. Names are cleaned the same way.
 */
import type { PsaCompany, PsaContact } from '../../../src/domain/psa-records.js';
import { cleanEmail, cleanName, websiteOf } from '../../../src/domain/psa-text.js';
import type { CwCommunicationItem, CwCompany, CwCompanyStatus, CwContact } from './schemas.js';

/**
 * How a raw string of the page becomes its text before cleaning: as it is, or, for a page parsed
 * from its Latin-1 reading, decoded as UTF-8 (decode-body.ts).
 */
export type RawText = (value: string) => string;

const asIs: RawText = (value) => value;

/** The raw string's text, null and undefined kept. */
const textOf = (raw: string | null | undefined, text: RawText) =>
  raw === null || raw === undefined ? raw : text(raw);

/** The cleaned names of references, leaving out those without one. */
function namesOf(
  references: readonly { readonly name?: string | null | undefined }[] | null | undefined,
  text: RawText,
): string[] {
  return (references ?? [])
    .map((reference) => cleanName(textOf(reference.name, text)).text)
    .filter((name) => name !== '');
}

// `2025-08-21T12:47:09Z`, what ConnectWise sends: its ISO form is itself with milliseconds added.
const PLAIN_UTC_LENGTH = 20;
const SEPARATORS: ReadonlyArray<readonly [number, string]> = [
  [4, '-'],
  [7, '-'],
  [10, 'T'],
  [13, ':'],
  [16, ':'],
  [19, 'Z'],
];
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/** The two-digit number at `at`. */
const twoDigits = (stamp: string, at: number) =>
  (stamp.charCodeAt(at) - 48) * 10 + stamp.charCodeAt(at + 1) - 48;

/**
 * The plain UTC stamp's ISO form without Date.parse and toISOString (~3 us a stamp, the larger
 * part of mapping a company page on the event loop), or null for any other stamp. Only fields in
 * range qualify (day 28 at most in any month): out-of-range ones roll over or fail in Date.parse,
 * and are left to it.
 */
function plainUtcIso(stamp: string): string | null {
  if (stamp.length !== PLAIN_UTC_LENGTH) return null;
  for (const [at, separator] of SEPARATORS) if (stamp[at] !== separator) return null;
  for (const at of DIGIT_AT) {
    const code = stamp.charCodeAt(at);
    if (code < 48 || code > 57) return null;
  }
  const month = twoDigits(stamp, 5);
  const day = twoDigits(stamp, 8);
  const inRange =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 28 &&
    twoDigits(stamp, 11) <= 23 &&
    twoDigits(stamp, 14) <= 59 &&
    twoDigits(stamp, 17) <= 59;
  return inRange ? `${stamp.slice(0, 19)}.000Z` : null;
}

export function toUtcIso(stamp: string | null | undefined): string | null {
  if (stamp === null || stamp === undefined) return null;
  const plain = plainUtcIso(stamp);
  if (plain !== null) return plain;
  if (stamp.trim() === '') return null;
  const trimmed = stamp.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const millis = Date.parse(hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

export function toPsaCompany(company: CwCompany, statuses: ReadonlyMap<number, CwCompanyStatus>): PsaCompany {
  const statusId = company.status?.id;
  const status = statusId === null || statusId === undefined ? undefined : statuses.get(statusId);
  const name = cleanName(company.name);
  return {
    psaId: company.id,
    name: name.text,
    nameCut: name.cut,
    typeNames: namesOf(company.types, asIs),
    statusName: company.status?.name ? cleanName(company.status.name).text || null : null,
    active: status?.inactiveFlag !== true,
    updatedAt: toUtcIso(company._info?.lastUpdated),
    ...websiteOf(company.website),
  };
}

export function emailsOf(items: readonly CwCommunicationItem[], text: RawText = asIs): string[] {
  const defaults: string[] = [];
  const others: string[] = [];
  for (const item of items) {
    // 'Email' is ASCII: its Latin-1 reading is the same string.
    if (item.communicationType !== 'Email') continue;
    const value = cleanEmail(textOf(item.value, text));
    if (value !== null) (item.defaultFlag === true ? defaults : others).push(value);
  }
  const seen = new Set<string>();
  return [...defaults, ...others].filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `companyPsaId`: the contact's company id, checked present by the caller; `text`: how the page's
 * raw strings read (as they are unless the page was parsed from its Latin-1 reading).
 */
export function toPsaContact(contact: CwContact, companyPsaId: number, text: RawText = asIs): PsaContact {
  return {
    psaId: contact.id,
    companyPsaId,
    firstName: cleanName(textOf(contact.firstName, text)).text,
    lastName: cleanName(textOf(contact.lastName, text)).text,
    emails: emailsOf(contact.communicationItems ?? [], text),
    active: contact.inactiveFlag !== true,
    typeNames: namesOf(contact.types, text),
  };
}
