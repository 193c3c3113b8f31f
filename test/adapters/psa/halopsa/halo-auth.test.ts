import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHaloProvider, type HaloSettings } from '../../../../adapters/psa/halopsa/halo-provider.js';
import { type SandboxHalo, startSandboxHalo } from '../../../../adapters/psa/sandbox/halopsa/server.js';
import type {
  PsaProviderContext,
  PsaProviderDefinition,
} from '../../../../adapters/psa/shared/provider-definition.js';
import type { PsaCompany } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../src/ports/psa-gateway.js';
import { appErrorOf } from '../shared/app-error-of.js';
import { gather } from '../shared/gather.js';

const context: PsaProviderContext = { timeoutMs: 5_000, maxAttempts: 2, backoff: { baseMs: 1, capMs: 2 } };
const ACTIVE = { typeIds: [], statusIds: [], activeOnly: true };

let halo: SandboxHalo;
let provider: PsaProviderDefinition<HaloSettings>;

function open(overrides: Record<string, string> = {}, settings: HaloSettings = {}): PsaSession {
  return provider.open(
    new Secret<Readonly<Record<string, string>>>({
      baseUrl: halo.baseUrl,
      clientId: halo.credentials.clientId,
      clientSecret: halo.credentials.clientSecret,
      ...overrides,
    }),
    context,
    settings,
  );
}

const tokenRequests = () =>
  (halo.stats().byPath['/identity/token'] ?? 0) + (halo.stats().byPath['/auth/token'] ?? 0);

beforeAll(async () => {
  halo = await startSandboxHalo({ clients: 30, usersPerClient: 2 });
});
afterAll(async () => {
  await halo.close();
});
afterEach(() => {
  halo.clearFaults();
  halo.resetStats();
  provider = createHaloProvider();
});
provider = createHaloProvider();

describe('HaloPSA authentication', () => {
  it('finds the auth server through /api/authinfo and asks it for a token with the tenant it names', async () => {
    await open().testConnection();
    const stats = halo.stats();
    expect(stats.byPath['/api/authinfo']).toBe(1);
    expect(stats.byPath['/identity/token']).toBe(1);
    expect(stats.byPath['/auth/token']).toBeUndefined();
  });

  it('falls back to <base>/auth/token when authinfo is not there (then the tenant must be typed)', async () => {
    halo.injectFault({ path: '/api/authinfo', status: 404, body: 'html' });
    expect((await appErrorOf(open().testConnection())).code).toBe('psa_invalid_response');
    halo.injectFault({ path: '/api/authinfo', status: 404, body: 'html' });
    await open({ tenant: halo.credentials.tenant }).testConnection();
    expect(halo.stats().byPath['/auth/token']).toBe(2);
  });

  it('sends the tenant the admin typed, and a wrong one fails', async () => {
    await open({ tenant: halo.credentials.tenant }).testConnection();
    const error = await appErrorOf(open({ tenant: 'someone-else' }).testConnection());
    expect(error.code).toBe('psa_invalid_response');
  });

  it('reuses a token across the sessions of one client until shortly before it expires', async () => {
    await gather<PsaCompany>((sink) => open().fetchCompanies(ACTIVE, () => {}, sink));
    await gather<PsaCompany>((sink) => open().fetchCompanies(ACTIVE, () => {}, sink));
    expect(tokenRequests()).toBe(1);
    // Another secret never reuses it.
    await appErrorOf(open({ clientSecret: 'other' }).testConnection());
    expect(tokenRequests()).toBe(2);
  });

  it('re-authenticates once when the API answers 401, then goes on', async () => {
    const session = open();
    await session.testConnection();
    halo.revokeTokens();
    const companies = await gather<PsaCompany>((sink) => session.fetchCompanies(ACTIVE, () => {}, sink));
    expect(companies.length).toBeGreaterThan(0);
    expect(tokenRequests()).toBe(2);
  });

  it('gives the authentication error when the API keeps answering 401', async () => {
    halo.injectFault({ path: '/api/Client', status: 401, times: Infinity });
    const error = await appErrorOf(
      gather<PsaCompany>((sink) => open().fetchCompanies(ACTIVE, () => {}, sink)),
    );
    expect(error.code).toBe('psa_auth_failed');
    expect(tokenRequests()).toBe(2);
  });

  it('maps invalid_client to the authentication error, with a 401 or a 400', async () => {
    expect((await appErrorOf(open({ clientSecret: 'wrong' }).testConnection())).code).toBe('psa_auth_failed');
    halo.injectFault({ path: '/token', status: 400, body: { json: { error: 'invalid_client' } } });
    expect((await appErrorOf(open({ clientId: 'other-id' }).testConnection())).code).toBe('psa_auth_failed');
  });

  it('asks for the scope of the form or the settings: read:customers is enough, an unknown one is refused', async () => {
    await gather<PsaCompany>((sink) =>
      open({ scope: 'read:customers' }).fetchCompanies(ACTIVE, () => {}, sink),
    );
    expect((await appErrorOf(open({ scope: 'read:nothing' }).testConnection())).code).toBe('psa_forbidden');
    await gather<PsaCompany>((sink) =>
      open({}, { scope: 'read:customers' }).fetchCompanies(ACTIVE, () => {}, sink),
    );
    const error = await appErrorOf(open({}, { scope: 'read:nothing' }).testConnection());
    expect(error.code).toBe('psa_forbidden');
  });

  it('rejects plain http to a host other than loopback before any request', async () => {
    const error = await appErrorOf(
      Promise.resolve().then(() => open({ baseUrl: 'http://halo.example.com' })),
    );
    expect(error.code).toBe('invalid_input');
    expect(halo.stats().requests).toBe(0);
  });
});
