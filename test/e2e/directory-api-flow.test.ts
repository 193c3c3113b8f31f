import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiSurface } from '../../adapters/api/api-surface.js';
import { type RunningHttpServer, startHttpServer } from '../../adapters/boot/http-server.js';
import { type OpenedStorage, openStorage } from '../../adapters/storage/open-storage.js';
import { SequentialIds } from '../fakes/sequential-ids.js';
import { openApiValidator } from '../support/openapi-validator.js';
import {
  connectConnectWiseSandbox,
  startTerminalChat,
  type TerminalChatApp,
} from '../support/terminal-chat-app.js';
import { type ChatDriver, count, overview } from '../support/terminal-driver.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/*
 * Issue 13's acceptance: an import approved through the terminal chat reaches a loopback
 * receiver as signed events, each id exactly once, and the read API shows the same directory.
 */

const PRIVATE_KEY = 'DirectoryApiPrivateKey-e2e-9c2a';
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let app: TerminalChatApp;
let chat: ChatDriver;
let receiver: WebhookReceiver;
let receiverUrl: string;
let api: RunningHttpServer | null = null;
let reader: OpenedStorage | null = null;

beforeAll(async () => {
  receiver = new WebhookReceiver();
  receiverUrl = await receiver.start();
  app = await startTerminalChat({
    prefix: 'psa-directory-api-',
    sandboxTuning: { connectwisePort: 0, connectwisePrivateKey: PRIVATE_KEY },
    env: { LOG_LEVEL: 'debug' },
  });
  chat = app.chat;
});

afterAll(async () => {
  await api?.close();
  await reader?.close();
  await receiver.close();
  await app.stop();
});

async function get(
  path: string,
  token: string | null,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${api?.url}${path}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

type Event = { type: string; timestamp: string; data: Record<string, unknown> };

describe('the directory flows on', () => {
  it('delivers every event of an approved import once per id, signed, and serves the same directory', async () => {
    expect(await connectConnectWiseSandbox(chat, PRIVATE_KEY)).toContain('✓ Connected');

    // Plain http to anything but loopback is refused when the endpoint is added.
    expect(await chat.send('/psa webhooks add http://example.com/hook')).toContain('https://');
    const added = await chat.send(`/psa webhooks add ${receiverUrl}/hook`);
    const secret = /(whsec_\S+)/.exec(added)?.[1] ?? '';
    expect(secret).not.toBe('');
    const endpointId = /\(id (\S+)\)/.exec(added)?.[1] ?? '';
    const created = await chat.send('/psa tokens create nightly sync');
    const token = /^ {2}(psa_\S+)$/m.exec(created)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(await chat.send('/psa tokens')).toContain('nightly sync');
    expect(await chat.send('/psa tokens')).not.toContain(token);

    await chat.send('/psa import connectwise');
    await chat.send('bulk create-unmapped');
    await chat.send('bulk map-single');
    const selected = overview(await chat.send('next')).filter((c) => c.eligible > 0);
    for (const company of selected.slice(0, 3)) {
      await chat.send(`users ${company.n}`);
      await chat.send('bulk-users grant-all');
    }
    expect(await chat.send('submit')).toContain('Approval requested');
    await chat.send('/as bob');
    const result = await chat.send('approve');
    expect(result).toContain('Import applied, approved by Bob');
    const companiesCreated = count(result, 'Companies created');
    const companiesMapped = count(result, 'Companies mapped');
    const usersImported = count(result, 'Users imported');
    expect(usersImported).toBeGreaterThan(0);
    const expected = companiesCreated + companiesMapped + usersImported + count(result, 'Users mapped') + 1;

    await receiver.until((hooks) => new Set(hooks.map((h) => h.headers['webhook-id'])).size >= expected);
    const verifier = new Webhook(secret);
    const events = new Map<string, Event>();
    for (const hook of receiver.received) {
      expect(hook.path).toBe('/hook');
      const headers = {
        'webhook-id': String(hook.headers['webhook-id']),
        'webhook-timestamp': String(hook.headers['webhook-timestamp']),
        'webhook-signature': String(hook.headers['webhook-signature']),
      };
      const event = verifier.verify(hook.body, headers) as Event;
      expect(events.has(headers['webhook-id'])).toBe(false);
      events.set(headers['webhook-id'], event);
    }
    expect(events.size).toBe(expected);
    const byType = (type: string) => [...events.values()].filter((e) => e.type === type);
    expect(byType('company.created')).toHaveLength(companiesCreated);
    expect(byType('user.created')).toHaveLength(usersImported);
    const applied = byType('import.applied')[0];
    expect(applied?.data).toMatchObject({ companiesCreated, usersImported, provider: 'connectwise' });
    const runId = applied?.data.runId;
    expect([...events.values()].every((e) => e.data.runId === runId)).toBe(true);
    // No credential of any kind travels in an event.
    expect(receiver.received.map((h) => h.body).join('\n')).not.toMatch(
      /psa_|whsec_|DirectoryApiPrivateKey|password/i,
    );

    // The read API, served from the same database.
    reader = await openStorage(join(app.dir, 'psa-import.db'));
    api = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      surfaces: [
        createApiSurface({
          storage: reader.storage,
          clock: { now: () => new Date() },
          ids: new SequentialIds('audit'),
          logger: silent,
          rateLimitPerMinute: 1000,
        }),
      ],
      checkDatabase: async () => true,
      logger: silent,
    });
    const check = openApiValidator();
    const companies: { id: string; name: string; psaLinks: unknown[] }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await get(`/api/v1/companies?limit=7${query}`, token);
      expect(page.status).toBe(200);
      expect(check('/companies', 200, page.body)).toEqual([]);
      const body = page.body as { data: typeof companies; nextCursor: string | null };
      companies.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor !== null);
    // The API lists the whole directory (the sandbox tenant starts with some companies), and
    // every company an event announced, with the PSA link the event named.
    const listed = await chat.send('/psa companies');
    const total = Number(
      (/\(([\d,]+) in all/.exec(listed) ??
        /Managed companies: ([\d,]+) (?:managed )?compan/.exec(listed))?.[1]?.replaceAll(',', ''),
    );
    expect(companies).toHaveLength(total);
    expect(new Set(companies.map((c) => c.id)).size).toBe(total);
    for (const event of [...byType('company.created'), ...byType('company.mapped')]) {
      const company = companies.find((c) => c.id === event.data.companyId);
      if (event.type === 'company.created') expect(company?.name).toBe(event.data.name);
      expect(company?.psaLinks).toContainEqual(
        expect.objectContaining({ provider: 'connectwise', psaId: event.data.psaCompanyId }),
      );
    }

    const userIds: string[] = [];
    for (const company of companies) {
      const page = await get(`/api/v1/companies/${company.id}/users?limit=200`, token);
      expect(check('/companies/{id}/users', 200, page.body)).toEqual([]);
      userIds.push(...(page.body as { data: { id: string }[] }).data.map((u) => u.id));
    }
    for (const event of byType('user.created')) expect(userIds).toContain(event.data.userId);
    const someone = byType('user.created')[0]?.data;
    const byEmail = await get(
      `/api/v1/users?email=${encodeURIComponent(String(someone?.email).toUpperCase())}`,
      token,
    );
    expect(check('/users', 200, byEmail.body)).toEqual([]);
    expect((byEmail.body as { data: { id: string }[] }).data.map((u) => u.id)).toEqual([someone?.userId]);

    const imports = await get('/api/v1/imports', token);
    expect(check('/imports', 200, imports.body)).toEqual([]);
    expect((imports.body as { data: unknown[] }).data[0]).toMatchObject({
      id: runId,
      status: 'applied',
      result: { companiesCreated, usersImported, errors: [] },
    });
    const changes = await get('/api/v1/changes?since=0&limit=200', token);
    expect(check('/changes', 200, changes.body)).toEqual([]);
    const changeIds = (changes.body as { data: { id: string }[] }).data.map((c) => c.id);
    expect(changeIds.sort()).toEqual([...events.keys()].sort());
    const openapi = await get('/api/v1/openapi.json', null);
    expect(openapi.body).toMatchObject({ openapi: '3.1.0' });

    // Delivery health in chat, then a ping reaches only this endpoint.
    const health = await chat.send('/psa webhooks');
    expect(health).toMatch(/last success 20\d\d-/);
    expect(health).toContain('queued 0');
    await chat.send(`/psa webhooks ping ${endpointId}`);
    await receiver.until((hooks) => hooks.some((h) => h.body.includes('"webhook.ping"')));

    // A revoked token stops at once.
    expect(await chat.send('/psa tokens revoke nightly sync')).toContain('Token revoked');
    expect((await get('/api/v1/companies', token)).status).toBe(401);
  });
});
