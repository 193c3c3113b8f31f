/**
 * Builds the sandbox data set: statuses, types, the hard cases, then generated filler companies
 * and contacts from a seeded PRNG, so the same options always give the same records.
 *
 *   buildDataset({ companies: 5000, contactsPerCompany: 10, ownIdentifier: 'sandboxmsp' })
 */
import { HARD_COMPANIES, type HardContact } from './hard-cases.js';
import { createPrng, type Prng } from './prng.js';
import type {
  SandboxCommunicationItem,
  SandboxCompany,
  SandboxContact,
  SandboxDataset,
  SandboxRef,
  SandboxStatus,
  SandboxType,
} from './records.js';
import { CITIES, CORES, FIRST, LAST, PREFIXES, SUFFIXES } from './word-lists.js';

export interface DatasetOptions {
  /** Total companies, hard cases included (at least the hard cases are always there). */
  readonly companies: number;
  /** Contacts of each generated company. */
  readonly contactsPerCompany: number;
  /** The login company id; the MSP's own company record carries it as identifier. */
  readonly ownIdentifier: string;
  readonly seed?: number;
}

const INFO = { lastUpdated: '2025-01-01T00:00:00Z', updatedBy: 'seed' };
const STATUSES: readonly SandboxStatus[] = (
  [
    [1, 'Active', true, false],
    [2, 'Inactive', false, true],
    [3, 'Credit Hold', false, false],
    [4, 'Not-Approved', false, true],
    [5, 'Imported', false, false],
  ] as const
).map(([id, name, defaultFlag, inactiveFlag]) => ({
  id,
  name,
  defaultFlag,
  inactiveFlag,
  notifyFlag: false,
  disallowSavingFlag: false,
  _info: INFO,
}));
const TYPES: readonly SandboxType[] = ['Client', 'Prospect', 'Vendor', 'Partner', 'Competitor', 'Owner'].map(
  (name, index) => ({
    id: index + 1,
    name,
    defaultFlag: name === 'Client',
    vendorFlag: name === 'Vendor',
    _info: INFO,
  }),
);
const CONTACT_TYPES = ['Billing', 'Primary', 'Technical', 'Decision Maker'].map((name, index) => ({
  id: index + 1,
  name,
}));
const EMAIL_TYPE = { id: 1, name: 'Email' };
const PHONE_TYPE = { id: 2, name: 'Direct' };

const ascii = (text: string) => text.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
const slug = (text: string) =>
  ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const stamp = (prng: Prng) =>
  new Date(Date.UTC(2025, 0, 1) + prng.int(0, 400 * 86_400) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function byName<T extends SandboxRef>(list: readonly T[], name: string): SandboxRef {
  const found = list.find((item) => item.name === name);
  if (found === undefined) throw new Error(`sandbox seed refers to unknown ${name}`);
  return { id: found.id, name: found.name };
}

export function buildDataset(options: DatasetOptions): SandboxDataset {
  const prng = createPrng(options.seed ?? 20_260_401);
  const companies: SandboxCompany[] = [];
  const contacts: SandboxContact[] = [];
  let itemId = 1;
  let ownCompanyId = 0;

  const addCompany = (
    name: string,
    typeNames: readonly string[],
    status: string,
    deleted: boolean,
    identifier?: string,
  ) => {
    const id = companies.length + 2; // id 1 is ConnectWise's built-in "Catchall"; not seeded.
    const company: SandboxCompany = {
      id,
      identifier: identifier ?? `${slug(name).slice(0, 20) || 'company'}-${id}`,
      name,
      status: byName(STATUSES, status),
      types: typeNames.map((type) => byName(TYPES, type)),
      deletedFlag: deleted,
      phoneNumber: `555${String(id).padStart(7, '0')}`,
      website: `www.${slug(name) || 'company'}.example`,
      city: prng.pick(CITIES),
      _info: { lastUpdated: stamp(prng), updatedBy: 'seed' },
    };
    companies.push(company);
    return company;
  };

  const addContact = (company: SandboxCompany, spec: HardContact) => {
    const items: SandboxCommunicationItem[] = spec.emails.map(([value, isDefault]) => ({
      id: itemId++,
      type: EMAIL_TYPE,
      value,
      defaultFlag: isDefault,
      communicationType: 'Email',
    }));
    items.push({
      id: itemId++,
      type: PHONE_TYPE,
      value: `555${prng.int(1_000_000, 9_999_999)}`,
      defaultFlag: true,
      communicationType: 'Phone',
    });
    contacts.push({
      id: contacts.length + 1,
      firstName: spec.firstName,
      lastName: spec.lastName,
      company: { id: company.id, identifier: company.identifier, name: company.name },
      inactiveFlag: spec.inactive === true,
      title: '',
      communicationItems: items,
      types: (spec.types ?? []).map((name) => byName(CONTACT_TYPES, name)),
      _info: { lastUpdated: stamp(prng), updatedBy: 'seed' },
    });
  };

  for (const hard of HARD_COMPANIES) {
    const company = addCompany(
      hard.name,
      hard.types,
      hard.status,
      hard.deleted === true,
      hard.own ? options.ownIdentifier : undefined,
    );
    if (hard.own) ownCompanyId = company.id;
    for (const contact of hard.contacts) addContact(company, contact);
  }

  const usedNames = new Map<string, number>();
  while (companies.length < options.companies) {
    const base = `${prng.pick(PREFIXES)} ${prng.pick(CORES)}`;
    const seen = (usedNames.get(base) ?? 0) + 1;
    usedNames.set(base, seen);
    const name = [seen > 1 ? `${base} ${seen}` : base, prng.pick(SUFFIXES)].filter(Boolean).join(' ');
    const roll = prng.next();
    const type = roll < 0.8 ? 'Client' : roll < 0.9 ? 'Prospect' : roll < 0.95 ? 'Vendor' : 'Partner';
    const statusRoll = prng.next();
    const status =
      statusRoll < 0.85
        ? 'Active'
        : statusRoll < 0.93
          ? 'Inactive'
          : statusRoll < 0.97
            ? 'Credit Hold'
            : 'Not-Approved';
    const company = addCompany(name, [type], status, prng.chance(0.02));
    const domain = `${slug(name)}.example`;
    for (let n = 0; n < options.contactsPerCompany; n += 1) {
      const first = prng.pick(FIRST);
      const last = prng.pick(LAST);
      const local = `${slug(first)}.${slug(last)}${n}`;
      const emails: [string, boolean][] = prng.chance(0.05) ? [] : [[`${local}@${domain}`, true]];
      if (emails.length > 0 && prng.chance(0.1)) emails.push([`${local}@personal-mail.example`, false]);
      addContact(company, {
        firstName: first,
        lastName: last,
        emails,
        inactive: prng.chance(0.05),
        types: prng.chance(0.3) ? [prng.pick(CONTACT_TYPES).name] : [],
      });
    }
  }

  return { statuses: STATUSES, types: TYPES, companies, contacts, ownCompanyId };
}
