import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiSurface } from '../../../adapters/api/api-surface.js';
import { type RunningHttpServer, startHttpServer } from '../../../adapters/boot/http-server.js';
import { Secret } from '../../../src/domain/secret.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { SequentialIds } from '../../fakes/sequential-ids.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { run, seedTenant } from '../storage/storage-fixtures.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const TOKEN_A = `psa_${'a'.repeat(48)}`;
const TOKEN_B = `psa_${'b'.repeat(48)}`;
const REVOKED = `psa_${'c'.repeat(48)}`;

describe.each(storageDialects())('the read API on $name', (dialect) => {
  let db: TestStorage;
  let server: RunningHttpServer;
  let clock: ManualClock;
  let logged: { fields: Readonly<Record<string, unknown>>; message: string }[];

  beforeEach(async () => {
    logged = [];
    db = await dialect.open();
    clock = new ManualClock();
    const repos = db.storage.repos;
    await seedTenant(repos, 'tenant-a');
    await seedTenant(repos, 'tenant-b');
    const token = (id: string, tenantId: string) => ({
      id,
      tenantId,
      name: id,
      createdBy: 'Alice',
      createdAt: clock.now().toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    await repos.directoryApi.tokens.insert(token('tok-a', 'tenant-a'), new Secret(TOKEN_A));
    await repos.directoryApi.tokens.insert(token('tok-b', 'tenant-b'), new Secret(TOKEN_B));
    await repos.directoryApi.tokens.insert(token('tok-r', 'tenant-a'), new Secret(REVOKED));
    await repos.directoryApi.tokens.revoke('tenant-a', 'tok-r', clock.now().toISOString());
    await repos.companies.insertMany('tenant-a', [
      { id: 'co-a1', name: 'Acme', createdAt: clock.now().toISOString() },
    ]);
    await repos.companies.insertMany('tenant-b', [
      { id: 'co-b1', name: 'Bolt', createdAt: clock.now().toISOString() },
    ]);
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      surfaces: [
        createApiSurface({
          storage: db.storage,
          clock,
          ids: new SequentialIds('audit'),
          logger: { ...silent, error: (fields, message) => logged.push({ fields, message }) },
          rateLimitPerMinute: 3,
        }),
      ],
      checkDatabase: async () => true,
      logger: silent,
    });
  });

  afterEach(async () => {
    await server.close();
    await db.close();
  });

  const get = async (path: string, authorization?: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: authorization === undefined ? {} : { authorization },
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  it('answers missing, forged, malformed and revoked tokens with the same 401', async () => {
    const answers = [
      await get('/api/v1/companies'),
      await get('/api/v1/companies', `Bearer psa_${'f'.repeat(48)}`),
      await get('/api/v1/companies', `Basic ${Buffer.from('a:b').toString('base64')}`),
      await get('/api/v1/companies', `Bearer ${TOKEN_A.slice(0, -1)}`),
      await get('/api/v1/companies', `Bearer ${REVOKED}`),
      await get('/api/v1/companies', `Bearer ${'x'.repeat(500)}`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.text).toBe(answers[0]?.text);
      expect(answer.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect(answers[0]?.text).not.toMatch(/revoked|tenant|expired/i);
  });

  it("shows a token its own tenant only; another tenant's company is the same 404 as none", async () => {
    const a = JSON.parse((await get('/api/v1/companies', `Bearer ${TOKEN_A}`)).text);
    expect(a.data.map((c: { id: string }) => c.id)).toEqual(['co-a1']);
    const b = JSON.parse((await get('/api/v1/companies', `Bearer ${TOKEN_B}`)).text);
    expect(b.data.map((c: { id: string }) => c.id)).toEqual(['co-b1']);
    const foreign = await get('/api/v1/companies/co-a1/users', `Bearer ${TOKEN_B}`);
    const missing = await get('/api/v1/companies/nope/users', `Bearer ${TOKEN_B}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
  });

  it('audits every use and answers 429 with Retry-After past the per-token limit', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await get('/api/v1/imports', `Bearer ${TOKEN_A}`)).status).toBe(200);
    const limited = await get('/api/v1/imports', `Bearer ${TOKEN_A}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another token has its own budget.
    expect((await get('/api/v1/imports', `Bearer ${TOKEN_B}`)).status).toBe(200);
    clock.advance(60_000);
    expect((await get('/api/v1/imports', `Bearer ${TOKEN_A}`)).status).toBe(200);
    const entries = await db.storage.repos.audit.list('tenant-a', null, 50);
    expect(entries.filter((e) => e.action === 'api.read')).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      actorKey: 'api-token:tok-a',
      detail: { path: '/api/v1/imports', status: 200 },
    });
    expect(JSON.stringify(entries)).not.toContain(TOKEN_A);
    const tokens = await db.storage.repos.directoryApi.tokens.list('tenant-a');
    expect(tokens.find((t) => t.id === 'tok-a')?.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('answers a damaged stored record with a 500 and a stable code, audited and logged with its cause', async () => {
    await db.storage.repos.runs.insert(
      run({ id: 'r-1', tenantId: 'tenant-a', integrationId: 'int-tenant-a' }),
    );
    await db.db.updateTable('import_runs').set({ provider: 'halo' }).where('id', '=', 'r-1').execute();

    const damaged = await get('/api/v1/imports', `Bearer ${TOKEN_A}`);
    expect(damaged.status).toBe(500);
    expect(JSON.parse(damaged.text)).toEqual({
      error: { code: 'stored_data_invalid', message: 'a stored record could not be read' },
    });
    expect(damaged.text).not.toMatch(/halo|r-1|provider|import_runs/);
    // Another tenant's reads are not touched.
    expect((await get('/api/v1/imports', `Bearer ${TOKEN_B}`)).status).toBe(200);

    expect(logged.map((line) => line.message)).toEqual(['API read met a damaged record']);
    expect(logged[0]?.fields).toMatchObject({ code: 'stored_data_invalid', path: '/api/v1/imports' });
    expect(logged[0]?.fields.err).toMatchObject({
      details: { hint: 'import r-1, field provider' },
      cause: expect.anything(),
    });
    const entries = await db.storage.repos.audit.list('tenant-a', null, 10);
    expect(entries[0]).toMatchObject({
      action: 'api.read',
      detail: { path: '/api/v1/imports', status: 500 },
    });
  });

  it('refuses writes and stores only a hash of each token', async () => {
    const response = await fetch(`${server.url}/api/v1/companies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN_A}` },
    });
    expect(response.status).toBe(405);
    const rows = await db.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(TOKEN_A.slice(4));
  });
});
