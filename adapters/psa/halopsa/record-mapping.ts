/**
 * Halo records as the core's PsaCompany / PsaContact, and the filter choices Halo offers: its
 * top levels (the tree clients hang under) and its customer types. Choice ids carry their kind
 * (`toplevel:3`, `customertype:1`) because both go in the filter's one list of types.
 */
import type { CompanyFilter, FilterChoice, PsaCompany, PsaContact } from '../../../src/domain/psa-records.js';
import { cleanEmail, cleanName, websiteOf } from '../../../src/domain/psa-text.js';
import type { HaloClient, HaloUser } from './schemas.js';

const TOP_LEVEL = 'toplevel:';
const CUSTOMER_TYPE = 'customertype:';

function topLevelName(client: HaloClient): string | null {
  if (client.toplevel_id === null || client.toplevel_id === undefined) return null;
  const name = cleanName(client.toplevel_name).text;
  return name === '' ? `Top level ${client.toplevel_id}` : name;
}

function customerTypeName(value: number): string {
  // What the numbers mean is each instance's own configuration; the API gives no labels.
  return `Customer type ${value}`;
}

export function toPsaCompany(client: HaloClient): PsaCompany {
  const typeNames: string[] = [];
  const topLevel = topLevelName(client);
  if (topLevel !== null) typeNames.push(topLevel);
  if (client.customertype !== null && client.customertype !== undefined) {
    typeNames.push(customerTypeName(client.customertype));
  }
  const name = cleanName(client.name);
  return {
    psaId: client.id,
    name: name.text,
    nameCut: name.cut,
    typeNames,
    statusName: null,
    active: client.inactive !== true,
    updatedAt: null,
    ...websiteOf(client.website),
  };
}

/** Every top level and customer type the clients use, sorted by name; none preselected. */
export function filterChoices(clients: readonly HaloClient[]): FilterChoice[] {
  const topLevels = new Map<string, string>();
  const customerTypes = new Map<string, string>();
  for (const client of clients) {
    const name = topLevelName(client);
    if (name !== null) topLevels.set(`${TOP_LEVEL}${client.toplevel_id}`, name);
    if (client.customertype !== null && client.customertype !== undefined) {
      customerTypes.set(`${CUSTOMER_TYPE}${client.customertype}`, customerTypeName(client.customertype));
    }
  }
  const sorted = (entries: Map<string, string>) =>
    [...entries]
      .sort((a, b) => a[1].localeCompare(b[1], 'en'))
      .map(([id, name]) => ({ id, name, isDefault: false }));
  return [...sorted(topLevels), ...sorted(customerTypes)];
}

/**
 * A client passes when it is under one of the chosen top levels (if any are chosen) and has one
 * of the chosen customer types (if any are chosen), and is active when only active ones are asked.
 */
export function selects(filter: CompanyFilter, client: HaloClient): boolean {
  if (filter.activeOnly && client.inactive === true) return false;
  const topLevels = filter.typeIds.filter((id) => id.startsWith(TOP_LEVEL));
  const customerTypes = filter.typeIds.filter((id) => id.startsWith(CUSTOMER_TYPE));
  if (topLevels.length > 0 && !topLevels.includes(`${TOP_LEVEL}${client.toplevel_id ?? ''}`)) return false;
  if (customerTypes.length > 0 && !customerTypes.includes(`${CUSTOMER_TYPE}${client.customertype ?? ''}`))
    return false;
  return true;
}

/**
 * Users that are not people of the client: service accounts, agents (technicians with a user
 * record) and Halo's per-site "General User" placeholder. The request already asks Halo to leave
 * them out; this catches instances that ignore the flags.
 */
export function isNoise(user: HaloUser): boolean {
  if (user.isserviceaccount === true) return true;
  if (user.linked_agent_id !== null && user.linked_agent_id !== undefined && user.linked_agent_id > 0)
    return true;
  const name = (user.name ?? '').trim().toLowerCase();
  return name === 'general user' && (user.emailaddress ?? '').trim() === '';
}

function splitName(name: string): { first: string; last: string } {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '');
  if (parts.length <= 1) return { first: parts[0] ?? '', last: '' };
  return { first: parts.slice(0, -1).join(' '), last: parts.at(-1) ?? '' };
}

export function toPsaContact(user: HaloUser): PsaContact {
  const first = cleanName(user.firstname).text;
  const last = cleanName(user.surname).text;
  const fallback = first === '' && last === '' ? splitName(cleanName(user.name).text) : { first, last };
  const email = cleanEmail(user.emailaddress);
  return {
    psaId: user.id,
    companyPsaId: user.client_id,
    firstName: fallback.first,
    lastName: fallback.last,
    emails: email === null ? [] : [email],
    active: user.inactive !== true,
    typeNames: user.isimportantcontact === true ? ['Important contact'] : [],
  };
}
