/**
 * The sandbox HaloPSA's records: the hard cases an import must get right, then seeded filler up to
 * the size asked for. Same seed, same records, on every machine. Field names are Halo's
 * (`Area_List`, `Users_List`).
 *
 *   const data = buildHaloDataSet({ clients: 5_000, usersPerClient: 10 });
 *   data.cases.serviceAccountUserId
 */

import { SANDBOX_MANAGED_COMPANY_NAMES, variantOf } from '../autotask/name-variants.js';
import { shuffle } from '../autotask/shuffle.js';
import { createPrng, type Prng } from '../connectwise/prng.js';

export interface HaloClientRecord {
  readonly id: number;
  readonly name: string;
  readonly inactive: boolean;
  readonly toplevel_id: number;
  readonly toplevel_name: string;
  readonly customertype: number;
  readonly website: string | null;
  readonly is_vip: boolean;
  /** The MSP's own organisation; left out with `exclude_internal=true`. */
  readonly internal: boolean;
}

export interface HaloUserRecord {
  readonly id: number;
  readonly name: string;
  readonly firstname: string;
  readonly surname: string;
  readonly emailaddress: string | null;
  readonly inactive: boolean;
  readonly isserviceaccount: boolean;
  readonly client_id: number;
  readonly client_name: string;
  /** Halo types it as a double; the sandbox sends whole numbers, as real instances do. */
  readonly site_id: number;
  readonly linked_agent_id: number | null;
  readonly isimportantcontact: boolean;
  /** Halo's per-site placeholder user. */
  readonly general: boolean;
}

export const SANDBOX_TOP_LEVELS = [
  { id: 1, name: 'Managed Clients' },
  { id: 2, name: 'Break-Fix Clients' },
  { id: 3, name: 'Prospects' },
] as const;

export interface HaloDataSetOptions {
  /** Clients besides the MSP's internal one; default 40, the hard cases first. */
  readonly clients?: number;
  /** Users of each client, the hard-case users included; default 3. */
  readonly usersPerClient?: number;
  readonly seed?: number;
}

export interface SandboxHaloCases {
  readonly internalClientId: number;
  readonly variantClientIds: readonly number[];
  readonly duplicateNameIds: readonly number[];
  readonly inactiveClientIds: readonly number[];
  readonly inactiveUserIds: readonly number[];
  readonly noEmailUserIds: readonly number[];
  readonly sharedEmail: { readonly email: string; readonly userIds: readonly number[] };
  readonly serviceAccountUserId: number;
  readonly agentUserId: number;
  readonly generalUserId: number;
}

export interface HaloDataSet {
  /** Sorted by id, the internal client first. */
  readonly clients: readonly HaloClientRecord[];
  readonly users: readonly HaloUserRecord[];
  readonly cases: SandboxHaloCases;
}

type Spec = { name: string; inactive: boolean; topLevel: number; tag: string };

const WORDS_A = [
  'Harbor',
  'Cedar',
  'Summit',
  'Lakeside',
  'Copper',
  'Maple',
  'Orbit',
  'Willow',
  'Quarry',
  'Beacon',
];
const WORDS_B = ['Dental', 'Freight', 'Legal', 'Bakery', 'Clinic', 'Studios', 'Farms', 'Realty', 'Robotics'];
const FORMS = ['Ltd', 'LLC', 'Inc.', 'Group', 'GmbH', '& Co.'];
const FIRST = [
  'Amira',
  'Bruno',
  'Chen',
  'Dagny',
  'Emeka',
  'Freya',
  'Goran',
  'Hana',
  'Ivo',
  'Jade',
  'Kofi',
  'Lior',
];
const LAST = [
  'Walsh',
  'Ibarra',
  'Adeyemi',
  'Lindqvist',
  'Tanaka',
  'Moreau',
  'Novak',
  'Quinn',
  'Haddad',
  'Fischer',
];
const SHARED_EMAIL = 'reception@shared-halo-office.example';

function hardSpecs(): Spec[] {
  const specs: Spec[] = SANDBOX_MANAGED_COMPANY_NAMES.map((name, i) => ({
    name: variantOf(name, i + 1),
    inactive: false,
    topLevel: 1,
    tag: 'variant',
  }));
  specs.push({ name: 'Contoso Pharmacy', inactive: false, topLevel: 1, tag: 'duplicate' });
  specs.push({ name: 'Contoso Pharmacy', inactive: false, topLevel: 2, tag: 'duplicate' });
  specs.push({ name: 'Closed Down Florists Ltd', inactive: true, topLevel: 1, tag: 'inactive' });
  specs.push({ name: 'Former Client Partners', inactive: true, topLevel: 2, tag: 'inactive' });
  specs.push({ name: '<!here> Urgent Ltd', inactive: false, topLevel: 1, tag: 'hostile' });
  return specs;
}

function generated(prng: Prng, index: number): Spec {
  const name = `${prng.pick(WORDS_A)} ${prng.pick(WORDS_B)} ${prng.pick(FORMS)} ${index}`;
  const topLevel = prng.chance(0.7) ? 1 : prng.chance(0.6) ? 2 : 3;
  return { name, inactive: prng.chance(0.06), topLevel, tag: 'plain' };
}

function buildClients(prng: Prng, count: number): { clients: HaloClientRecord[]; tags: string[] } {
  const specs = hardSpecs().slice(0, count);
  for (let i = specs.length; i < count; i += 1) specs.push(generated(prng, i + 1));
  shuffle(prng, specs);
  const clients: HaloClientRecord[] = [
    {
      id: 1,
      name: 'Sandbox MSP (internal)',
      inactive: false,
      toplevel_id: 1,
      toplevel_name: 'Managed Clients',
      customertype: 0,
      website: null,
      is_vip: false,
      internal: true,
    },
  ];
  const tags = ['internal'];
  let id = 11;
  for (const spec of specs) {
    id += prng.int(1, 3);
    const topLevel = SANDBOX_TOP_LEVELS.find((t) => t.id === spec.topLevel) ?? SANDBOX_TOP_LEVELS[0];
    clients.push({
      id,
      name: spec.name,
      inactive: spec.inactive,
      toplevel_id: topLevel.id,
      toplevel_name: topLevel.name,
      customertype: spec.topLevel === 3 ? 2 : 1,
      website: prng.chance(0.6) ? `https://client${id}.example` : null,
      is_vip: prng.chance(0.05),
      internal: false,
    });
    tags.push(spec.tag);
  }
  return { clients, tags };
}

function buildUsers(prng: Prng, clients: readonly HaloClientRecord[], perClient: number): HaloUserRecord[] {
  const drafts: Omit<HaloUserRecord, 'id'>[] = [];
  for (const client of clients) {
    if (client.internal) continue;
    for (let i = 0; i < perClient; i += 1) {
      const firstname = prng.pick(FIRST);
      const surname = prng.pick(LAST);
      drafts.push({
        name: `${firstname} ${surname}`,
        firstname,
        surname,
        emailaddress: `${firstname}.${surname}.${client.id}.${i}@client${client.id}.example`.toLowerCase(),
        inactive: prng.chance(0.08),
        isserviceaccount: false,
        client_id: client.id,
        client_name: client.name,
        site_id: client.id * 10,
        linked_agent_id: null,
        isimportantcontact: i === 0,
        general: false,
      });
    }
  }
  // Users are created over years, not client by client: interleave their ids.
  shuffle(prng, drafts);
  let id = 100;
  return drafts.map((draft) => {
    id += prng.int(1, 2);
    return { id, ...draft };
  });
}

/** Turns a few generated users into the user hard cases, keeping the total unchanged. */
function plantUserCases(users: HaloUserRecord[]) {
  const byClient = new Map<number, number[]>();
  for (const [index, user] of users.entries()) {
    const indexes = byClient.get(user.client_id) ?? [];
    indexes.push(index);
    byClient.set(user.client_id, indexes);
  }
  const slots = [...byClient.values()].filter((indexes) => indexes.length >= 2);
  const patch = (slot: number[] | undefined, which: number, change: Partial<HaloUserRecord>): number => {
    const index = slot?.[which];
    const user = index === undefined ? undefined : users[index];
    if (index === undefined || user === undefined) return -1;
    users[index] = { ...user, ...change };
    return user.id;
  };
  const serviceAccountUserId = patch(slots[0], 1, {
    name: 'Backup Service',
    firstname: 'Backup',
    surname: 'Service',
    emailaddress: 'backup-svc@halo-sandbox.example',
    isserviceaccount: true,
    inactive: false,
  });
  const agentUserId = patch(slots[1], 1, { linked_agent_id: 7, inactive: false });
  const generalUserId = patch(slots[2], 1, {
    name: 'General User',
    firstname: '',
    surname: '',
    emailaddress: null,
    general: true,
    inactive: false,
  });
  const noEmailUserIds = [
    patch(slots[3], 0, { emailaddress: null, inactive: false }),
    patch(slots[4], 0, { emailaddress: '', inactive: false }),
  ];
  const sharedEmailUserIds = [
    patch(slots[5], 0, { emailaddress: SHARED_EMAIL, inactive: false }),
    patch(slots[6], 0, { emailaddress: SHARED_EMAIL.toUpperCase(), inactive: false }),
  ];
  return {
    serviceAccountUserId,
    agentUserId,
    generalUserId,
    noEmailUserIds: noEmailUserIds.filter((id) => id >= 0),
    sharedEmail: { email: SHARED_EMAIL, userIds: sharedEmailUserIds.filter((id) => id >= 0) },
  };
}

export function buildHaloDataSet(options: HaloDataSetOptions = {}): HaloDataSet {
  const prng = createPrng(options.seed ?? 20_261_130);
  const { clients, tags } = buildClients(prng, Math.max(0, options.clients ?? 40));
  const users = buildUsers(prng, clients, Math.max(0, options.usersPerClient ?? 3));
  const planted = plantUserCases(users);
  users.sort((a, b) => a.id - b.id);
  const tagged = (tag: string) => clients.filter((_, i) => tags[i] === tag).map((c) => c.id);
  return {
    clients,
    users,
    cases: {
      internalClientId: 1,
      variantClientIds: tagged('variant'),
      duplicateNameIds: tagged('duplicate'),
      inactiveClientIds: clients.filter((c) => c.inactive).map((c) => c.id),
      inactiveUserIds: users.filter((u) => u.inactive).map((u) => u.id),
      ...planted,
    },
  };
}
