/**
 * The provider's requests against Halo's own OpenAPI export (request parameters), and the
 * sandbox's answers against the response shapes in the research notes (the export has none).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHaloProvider } from '../../../../adapters/psa/halopsa/halo-provider.js';
import { type SandboxHalo, startSandboxHalo } from '../../../../adapters/psa/sandbox/halopsa/server.js';
import type { PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { gather } from '../shared/gather.js';

/** A copy of the team's shared/psa-specs/halopsa-openapi-subset.json, so a clean checkout has it. */
const SPEC_PATH = new URL('../../../fixtures/psa-specs/halopsa-openapi-subset.json', import.meta.url);

const specSchema = z.object({
  paths: z.record(
    z.string(),
    z.object({
      get: z.object({
        parameters: z
          .array(z.object({ name: z.string(), in: z.string(), schema: z.object({ type: z.string() }) }))
          .optional(),
      }),
    }),
  ),
});

function specParameters(): Map<string, Map<string, string>> {
  const spec = specSchema.parse(JSON.parse(readFileSync(SPEC_PATH, 'utf8')));
  const byPath = new Map<string, Map<string, string>>();
  for (const [path, item] of Object.entries(spec.paths)) {
    const params = new Map<string, string>();
    for (const p of item.get.parameters ?? []) if (p.in === 'query') params.set(p.name, p.schema.type);
    byPath.set(`/api${path}`.toLowerCase(), params);
  }
  return byPath;
}

let halo: SandboxHalo;
beforeAll(async () => {
  halo = await startSandboxHalo({ clients: 150, usersPerClient: 2 });
});
afterAll(async () => {
  await halo.close();
});

describe('HaloPSA requests against the vendor OpenAPI export', () => {
  it('sends only query parameters the export lists for each path, with values of their type', async () => {
    const session = createHaloProvider().open(
      new Secret({
        baseUrl: halo.baseUrl,
        clientId: halo.credentials.clientId,
        clientSecret: halo.credentials.clientSecret,
      }),
      { timeoutMs: 5_000, maxAttempts: 1 },
      {},
    );
    halo.resetStats();
    await session.testConnection();
    await session.filterOptions();
    const companies = await gather<PsaCompany>((sink) =>
      session.fetchCompanies({ typeIds: [], statusIds: [], activeOnly: false }, () => {}, sink),
    );
    await gather<PsaContact>((sink) =>
      session.fetchContacts(
        companies.map((c) => c.psaId),
        () => {},
        sink,
      ),
    );
    await session.explainMissing([424_242], { typeIds: [], statusIds: [], activeOnly: true });

    const spec = specParameters();
    const seen = halo.stats().queries;
    expect(new Set(seen.map((q) => q.path))).toEqual(new Set(['/api/authinfo', '/api/Client', '/api/Users']));
    for (const { path, params } of seen) {
      const allowed = spec.get(path.toLowerCase());
      expect(allowed, `${path} is in the export`).toBeDefined();
      for (const [name, value] of params) {
        const type = allowed?.get(name);
        expect(type, `${path}?${name} is a documented parameter`).toBeDefined();
        if (type === 'bool') expect(['true', 'false']).toContain(value);
        if (type === 'int') expect(value).toMatch(/^\d+$/);
      }
    }
    const client = seen.find((q) => q.path === '/api/Client' && q.params.get('page_no') === '2');
    expect(client?.params.get('pageinate')).toBe('true');
    expect(client?.params.get('page_size')).toBe('100');
  });
});

describe('the sandbox HaloPSA answers in the shapes of the research notes', () => {
  async function get(path: string): Promise<unknown> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: halo.credentials.clientId,
      client_secret: halo.credentials.clientSecret,
      scope: 'all',
    });
    const info = z
      .object({ auth_url: z.string(), tenant_id: z.string() })
      .parse(await (await fetch(`${halo.baseUrl}/api/authinfo`)).json());
    const tokenAnswer = await fetch(`${info.auth_url}/token?tenant=${info.tenant_id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const token = z
      .object({
        token_type: z.literal('Bearer'),
        access_token: z.string(),
        expires_in: z.number(),
        scope: z.string(),
      })
      .parse(await tokenAnswer.json());
    const answer = await fetch(`${halo.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    return answer.json();
  }

  it('Area_View: {page_no, page_size, record_count, clients: Area_List[]}, capped at 100 rows', async () => {
    const body = z
      .object({
        page_no: z.number(),
        page_size: z.number(),
        record_count: z.number(),
        clients: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            inactive: z.boolean(),
            toplevel_id: z.number(),
            toplevel_name: z.string(),
            customertype: z.number(),
          }),
        ),
      })
      .parse(await get('/api/Client?pageinate=true&page_size=500&page_no=1&includeinactive=true'));
    expect(body.clients).toHaveLength(100);
    expect(body.record_count).toBeGreaterThan(100);
  });

  it('Users_View: {record_count, users: Users_List[]} with emailaddress, client_id, site_id, isserviceaccount', async () => {
    const body = z
      .object({
        record_count: z.number(),
        users: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            emailaddress: z.string().nullable(),
            inactive: z.boolean(),
            isserviceaccount: z.boolean(),
            client_id: z.number(),
            site_id: z.number(),
          }),
        ),
      })
      .parse(await get('/api/Users?pageinate=true&page_size=100&page_no=1'));
    expect(body.users.length).toBeGreaterThan(0);
  });
});
