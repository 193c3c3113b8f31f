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
import { cleanEmail, cleanName } from '../../../src/domain/psa-text.js';
import type { CwCommunicationItem, CwCompany, CwCompanyStatus, CwContact } from './schemas.js';

export function toUtcIso(stamp: string | null | undefined): string | null {
  if (stamp === null || stamp === undefined || stamp.trim() === '') return null;
  const trimmed = stamp.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const millis = Date.parse(hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

export function toPsaCompany(company: CwCompany, statuses: ReadonlyMap<number, CwCompanyStatus>): PsaCompany {
  const status = company.status ? statuses.get(company.status.id) : undefined;
  const name = cleanName(company.name);
  return {
    psaId: company.id,
    name: name.text,
    nameCut: name.cut,
    typeNames: (company.types ?? []).map((type) => cleanName(type.name).text),
    statusName: company.status ? cleanName(company.status.name).text : null,
    active: status?.inactiveFlag !== true,
    updatedAt: toUtcIso(company._info?.lastUpdated),
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

export function toPsaContact(contact: CwContact): PsaContact {
  return {
    psaId: contact.id,
    companyPsaId: contact.company.id,
    firstName: cleanName(contact.firstName).text,
    lastName: cleanName(contact.lastName).text,
    emails: emailsOf(contact.communicationItems ?? []),
    active: contact.inactiveFlag !== true,
    typeNames: (contact.types ?? []).map((type) => cleanName(type.name).text),
  };
}
