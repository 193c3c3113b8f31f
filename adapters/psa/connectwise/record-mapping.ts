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

/** The cleaned names of references, leaving out those without one. */
function namesOf(
  references: readonly { readonly name?: string | null | undefined }[] | null | undefined,
): string[] {
  return (references ?? []).map((reference) => cleanName(reference.name).text).filter((name) => name !== '');
}

export function toUtcIso(stamp: string | null | undefined): string | null {
  if (stamp === null || stamp === undefined || stamp.trim() === '') return null;
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
    typeNames: namesOf(company.types),
    statusName: company.status?.name ? cleanName(company.status.name).text || null : null,
    active: status?.inactiveFlag !== true,
    updatedAt: toUtcIso(company._info?.lastUpdated),
    ...websiteOf(company.website),
  };
}

export function emailsOf(items: readonly CwCommunicationItem[]): string[] {
  const defaults: string[] = [];
  const others: string[] = [];
  for (const item of items) {
    if (item.communicationType !== 'Email') continue;
    const value = cleanEmail(item.value);
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

/** `companyPsaId`: the contact's company id, checked present by the caller. */
export function toPsaContact(contact: CwContact, companyPsaId: number): PsaContact {
  return {
    psaId: contact.id,
    companyPsaId,
    firstName: cleanName(contact.firstName).text,
    lastName: cleanName(contact.lastName).text,
    emails: emailsOf(contact.communicationItems ?? []),
    active: contact.inactiveFlag !== true,
    typeNames: namesOf(contact.types),
  };
}
