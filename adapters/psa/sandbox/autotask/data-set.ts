/**
 * The sandbox's seeded data: a few thousand realistic-looking records on demand, plus the hard
 * cases an Autotask import must get right. Same seed, same records, on every machine.
 */

import { createPrng, type Prng } from '../connectwise/prng.js';
import { type CompanySpec, hardCaseSpecs, plantContactCases } from './hard-cases.js';
import { SANDBOX_COMPANY_TYPES, type SandboxCompanyRecord, type SandboxContactRecord } from './records.js';
import { shuffle } from './shuffle.js';

export interface AutotaskDataSetOptions {
  /** Companies besides the MSP's own (id 0). Default 40; the hard cases come first. */
  readonly companies?: number;
  /** Contacts of every company. Default 3. */
  readonly contactsPerCompany?: number;
  readonly seed?: number;
}

/** Where the hard cases landed, so tests name them instead of guessing ids. */
export interface SandboxAutotaskCases {
  readonly mspCompanyId: 0;
  /** One company of every type, by type value. */
  readonly companyIdByType: Readonly<Record<number, number>>;
  readonly inactiveCustomerIds: readonly number[];
  readonly duplicateNameIds: readonly number[];
  /** Companies named as variants of the managed companies the sandbox tenant already has. */
  readonly variantCompanyIds: readonly number[];
  readonly hostileNameIds: readonly number[];
  readonly inactiveContactIds: readonly number[];
  readonly secondEmailOnlyContactId: number;
  readonly thirdEmailOnlyContactId: number;
  readonly noEmailContactId: number;
  readonly sharedEmail: { readonly email: string; readonly contactIds: readonly number[] };
}

export interface AutotaskDataSet {
  /** Sorted by id, the MSP first. */
  readonly companies: readonly SandboxCompanyRecord[];
  /** Sorted by id; ids interleave across companies as they do in a real database. */
  readonly contacts: readonly SandboxContactRecord[];
  readonly cases: SandboxAutotaskCases;
}

const ADJECTIVES = [
  'Blue',
  'Northern',
  'Summit',
  'Granite',
  'Silver',
  'Harbor',
  'Pioneer',
  'Cedar',
  'Apex',
  'Golden',
];
const NOUNS = [
  'River',
  'Peak',
  'Bridge',
  'Valley',
  'Forge',
  'Lantern',
  'Meadow',
  'Anchor',
  'Falcon',
  'Orchard',
];
const SUFFIXES = [
  'Dental',
  'Logistics',
  'Legal',
  'Clinic',
  'Builders',
  'Accounting',
  'Foods',
  'Realty',
  'Labs',
];
const FORMS = ['Inc.', 'LLC', 'Ltd', 'Group', 'Partners', 'Co.'];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eve', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kemal', 'Lea'];
const LAST = ['Smith', 'García', 'Okafor', 'Nguyen', 'Müller', 'Rossi', 'Kowalski', 'Dubois', 'Sato', 'Berg'];

function generatedSpec(prng: Prng, index: number): CompanySpec {
  const name = `${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)} ${prng.pick(SUFFIXES)} ${prng.pick(FORMS)}`;
  const type = prng.chance(0.75) ? 1 : prng.pick(SANDBOX_COMPANY_TYPES).value;
  // A running number keeps generated names apart; the duplicate-name case is deliberate above.
  return { name: `${name} ${index}`, type, active: !prng.chance(0.08), tag: 'plain' };
}

/** Some timestamps come without a zone designator; Autotask means UTC by them. */
function timestamp(prng: Prng, withZone: boolean): string {
  const ms = Date.UTC(2023, 0, 1) + prng.int(0, 600 * 86_400) * 1000 + prng.int(0, 999);
  const iso = new Date(ms).toISOString();
  return withZone ? iso : iso.slice(0, -1);
}

function slug(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
  return ascii.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'company';
}

function buildCompanies(prng: Prng, count: number): { records: SandboxCompanyRecord[]; tags: string[] } {
  const specs = hardCaseSpecs().slice(0, count);
  for (let i = specs.length; i < count; i += 1) specs.push(generatedSpec(prng, i + 1));
  shuffle(prng, specs);
  const msp: SandboxCompanyRecord = {
    id: 0,
    companyName: 'Sandbox MSP (your own company)',
    companyNumber: '0',
    companyType: 1,
    isActive: true,
    phone: '555-0100',
    webAddress: 'https://msp.example',
    parentCompanyID: null,
    createDate: '2020-01-01T00:00:00Z',
    lastTrackedModifiedDateTime: '2020-01-01T00:00:00Z',
  };
  const records: SandboxCompanyRecord[] = [msp];
  const tags: string[] = ['msp'];
  let id = 29_682_000;
  for (const spec of specs) {
    id += prng.int(1, 4);
    records.push({
      id,
      companyName: spec.name,
      companyNumber: String(id),
      companyType: spec.type,
      isActive: spec.active,
      phone: `555-${String(prng.int(1000, 9999))}`,
      webAddress: prng.chance(0.7) ? `https://${slug(spec.name)}.example` : null,
      parentCompanyID: null,
      createDate: timestamp(prng, true),
      lastTrackedModifiedDateTime: prng.chance(0.05) ? null : timestamp(prng, !prng.chance(0.3)),
    });
    tags.push(spec.tag);
  }
  return { records, tags };
}

function buildContacts(prng: Prng, companies: readonly SandboxCompanyRecord[], perCompany: number) {
  const drafts: Omit<SandboxContactRecord, 'id'>[] = [];
  for (const company of companies) {
    const count = company.id === 0 ? 2 : perCompany;
    for (let i = 0; i < count; i += 1) {
      const firstName = prng.pick(FIRST);
      const lastName = prng.pick(LAST);
      const email = `${slug(firstName)}.${slug(lastName)}${drafts.length}@${slug(company.companyName)}.example`;
      drafts.push({
        companyID: company.id,
        firstName,
        lastName,
        title: prng.chance(0.5) ? 'Office Manager' : null,
        emailAddress: email,
        emailAddress2: prng.chance(0.2) ? `alt.${email}` : null,
        emailAddress3: null,
        isActive: prng.chance(0.9) ? 1 : 0,
        primaryContact: i === 0,
        billingContact: i === 1,
        createDate: timestamp(prng, true),
        lastModifiedDate: timestamp(prng, !prng.chance(0.3)),
      });
    }
  }
  // Contacts are created over years, not company by company: interleave their ids.
  shuffle(prng, drafts);
  let id = 30_683_000;
  return drafts.map((draft) => {
    id += prng.int(1, 3);
    return { id, ...draft };
  });
}

export function buildAutotaskDataSet(options: AutotaskDataSetOptions = {}): AutotaskDataSet {
  const prng = createPrng(options.seed ?? 20_240_601);
  const { records: companies, tags } = buildCompanies(prng, Math.max(0, options.companies ?? 40));
  const contacts = buildContacts(prng, companies, Math.max(0, options.contactsPerCompany ?? 3));
  const idsTagged = (tag: string) => companies.filter((_, i) => tags[i] === tag).map((c) => c.id);
  const companyIdByType: Record<number, number> = {};
  for (const [i, c] of companies.entries()) {
    if (tags[i] === 'type') companyIdByType[c.companyType] = c.id;
  }
  const cases = {
    mspCompanyId: 0 as const,
    companyIdByType,
    inactiveCustomerIds: idsTagged('inactive'),
    duplicateNameIds: idsTagged('duplicate'),
    variantCompanyIds: idsTagged('variant'),
    hostileNameIds: idsTagged('hostile'),
    ...plantContactCases(contacts),
  };
  return { companies, contacts, cases };
}
