/** Autotask records as the core's PsaCompany / PsaContact. */
import type { PsaCompany, PsaContact } from '../../../src/domain/psa-records.js';
import { cleanEmail, cleanName, websiteOf } from '../../../src/domain/psa-text.js';
import { type TypeLabels, typeLabel } from './company-types.js';
import type { AutotaskCompany, AutotaskContact } from './schemas.js';

/** The MSP's own company in every Autotask database; never imported. */
export const MSP_COMPANY_ID = 0;

/**
 * Autotask writes some timestamps without a zone designator and means UTC by them. Returns ISO
 * 8601 UTC, or null for a missing or unreadable value (a bad timestamp is not worth failing over).
 */
export function utcTimestamp(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const hasZone = /(?:z|[+-]\d{2}:?\d{2})$/i.test(text);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(hasZone ? text : dateOnly ? `${text}T00:00:00Z` : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toPsaCompany(company: AutotaskCompany, labels: TypeLabels): PsaCompany {
  const type = typeLabel(labels, company.companyType);
  const name = cleanName(company.companyName);
  return {
    psaId: company.id,
    name: name.text,
    nameCut: name.cut,
    typeNames: type === null ? [] : [cleanName(type).text],
    statusName: null,
    active: company.isActive,
    updatedAt: utcTimestamp(company.lastTrackedModifiedDateTime),
    ...websiteOf(company.webAddress),
  };
}

/** `emailAddress`, then `emailAddress2`, then `emailAddress3`, cleaned; blanks and repeats dropped. */
export function contactEmails(contact: AutotaskContact): string[] {
  const emails: string[] = [];
  const seen = new Set<string>();
  for (const raw of [contact.emailAddress, contact.emailAddress2, contact.emailAddress3]) {
    const email = cleanEmail(raw);
    if (email === null || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    emails.push(email);
  }
  return emails;
}

export function toPsaContact(contact: AutotaskContact): PsaContact {
  const typeNames: string[] = [];
  if (contact.primaryContact === true) typeNames.push('Primary');
  if (contact.billingContact === true) typeNames.push('Billing');
  return {
    psaId: contact.id,
    companyPsaId: contact.companyID,
    firstName: cleanName(contact.firstName).text,
    lastName: cleanName(contact.lastName).text,
    emails: contactEmails(contact),
    active: contact.isActive === true || (typeof contact.isActive === 'number' && contact.isActive !== 0),
    typeNames,
  };
}
