/**
 * The sandbox HaloPSA's records: the hard cases an import must get right, then seeded filler up to
 * the size asked for. Same seed, same records, on every machine. Field names are Halo's
 * (`Area_List`, `Users_List`).
 *
 *   const data = buildHaloDataSet({ clients: 5_000, usersPerClient: 10 });
 *   data.cases.serviceAccountUserId
 */

import { shuffle } from '../autotask/shuffle.js';
import { createPrng, type Prng } from '../connectwise/prng.js';
import { hardSpecs, plantUserCases, type Spec } from './hard-cases.js';
import type { HaloClientRecord, HaloUserRecord } from './records.js';

export type { HaloClientRecord, HaloUserRecord } from './records.js';

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
