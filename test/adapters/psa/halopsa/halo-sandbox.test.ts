import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaloProvider, type HaloSettings } from '../../../../adapters/psa/halopsa/halo-provider.js';
import { type SandboxHalo, startSandboxHalo } from '../../../../adapters/psa/sandbox/halopsa/server.js';
import type { PsaProviderContext } from '../../../../adapters/psa/shared/provider-definition.js';
import type { PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { FetchProgress, PsaSession } from '../../../../src/ports/psa-gateway.js';
import { gather } from '../shared/gather.js';

const context: PsaProviderContext = { timeoutMs: 5_000, maxAttempts: 3, backoff: { baseMs: 5, capMs: 20 } };
const EVERYTHING = { typeIds: [], statusIds: [], activeOnly: false };
const ACTIVE = { typeIds: [], statusIds: [], activeOnly: true };

let halo: SandboxHalo;

function open(
  sandbox: SandboxHalo,
  overrides: Record<string, string> = {},
  settings: HaloSettings = {},
  ctx: PsaProviderContext = context,
): PsaSession {
  const credentials = new Secret<Readonly<Record<string, string>>>({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    ...overrides,
  });
  return createHaloProvider().open(credentials, ctx, settings);
}

beforeAll(async () => {
  halo = await startSandboxHalo({ clients: 260, usersPerClient: 3 });
});
afterAll(async () => {
  await halo.close();
});

describe('HaloPSA provider against the sandbox', () => {
  it('pages every client past the 100-row cap even when asked for 500 rows a page', async () => {
    halo.resetStats();
    const progress: FetchProgress[] = [];
    const companies = await gather<PsaCompany>((sink) =>
      open(halo, {}, { pageSize: 500 }).fetchCompanies(EVERYTHING, (p) => progress.push(p), sink),
    );
    const expected = halo.data.clients.filter((c) => !c.internal).map((c) => c.id);
    expect(companies.map((c) => c.psaId)).toEqual(expected);
    expect(progress.at(-1)).toEqual({ phase: 'companies', done: 260, total: 260 });
    // 3 pages of at most 100 rows; never trusting page_size=500 (which would stop after page 1).
    expect(halo.stats().byPath['/api/Client']).toBe(3);
  });

  it('reads only active clients by default, with includeinactive=false', async () => {
    halo.resetStats();
    const companies = await gather<PsaCompany>((sink) => open(halo).fetchCompanies(ACTIVE, () => {}, sink));
    expect(companies.some((c) => halo.cases.inactiveClientIds.includes(c.psaId))).toBe(false);
    expect(companies.every((c) => c.active)).toBe(true);
    const listings = halo.stats().queries.filter((q) => q.path === '/api/Client');
    expect(listings.length).toBeGreaterThan(0);
    expect(listings.every((q) => q.params.get('includeinactive') === 'false')).toBe(true);
  });

  it('fetches contacts once for all selected clients, without agents, service accounts or the general user', async () => {
    const session = open(halo);
    const ids = halo.data.clients.filter((c) => !c.internal).map((c) => c.id);
    halo.resetStats();
    const contacts = await gather<PsaContact>((sink) => session.fetchContacts(ids, () => {}, sink));
    const userIds = new Set(contacts.map((c) => c.psaId));
    expect(userIds.has(halo.cases.serviceAccountUserId)).toBe(false);
    expect(userIds.has(halo.cases.agentUserId)).toBe(false);
    expect(userIds.has(halo.cases.generalUserId)).toBe(false);
    for (const id of halo.cases.noEmailUserIds)
      expect(contacts.find((c) => c.psaId === id)?.emails).toEqual([]);
    expect(contacts.filter((c) => c.emails[0]?.toLowerCase() === halo.cases.sharedEmail.email)).toHaveLength(
      2,
    );
    expect(contacts.filter((c) => !c.active).length).toBeGreaterThan(0);
    expect(halo.stats().byPath['/api/Users']).toBe(Math.ceil((260 * 3 - 3) / 100));
  });
});
