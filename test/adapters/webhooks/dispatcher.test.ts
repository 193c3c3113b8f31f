import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../adapters/crypto/secret-box.js';
import { createWebhookDispatcher } from '../../../adapters/webhooks/dispatcher.js';
import type { PostResult } from '../../../adapters/webhooks/safe-post.js';
import type { DirectoryEvent } from '../../../src/domain/directory-events.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { seedTenant } from '../storage/storage-fixtures.js';
import { webhookEndpoint } from './endpoint-fixtures.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const NEW_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

interface Sent {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

describe.each(storageDialects())('the webhook dispatcher on $name', (dialect) => {
  let db: TestStorage;
  let clock: ManualClock;
  const box = createSecretBox(randomBytes(32));
  let sent: Sent[];
  let answer: (s: Sent) => PostResult;
  let n = 0;

  const dispatcher = (owner = 'one') =>
    createWebhookDispatcher({
      storage: db.storage,
      secrets: box,
      clock,
      logger: silent,
      owner,
      post: async (url, headers, body) => {
        const s = { url, headers, body };
        sent.push(s);
        return answer(s);
      },
      random: () => 0.5,
      leaseMs: 30_000,
      batchSize: 100,
      concurrency: 4,
      pollMs: 1000,
    });

  const addEndpoint = (id: string, events: string[] = []) =>
    db.storage.repos.directoryApi.endpoints.insert(
      webhookEndpoint({
        id,
        tenantId: 'tenant-1',
        sealedSecret: box.seal(SECRET, id),
        at: clock.now().toISOString(),
        events,
      }),
    );

  const emit = async (type: DirectoryEvent['type'], count = 1): Promise<string[]> => {
    const events = Array.from({ length: count }, () => ({
      id: `evt_${++n}`,
      type,
      timestamp: clock.now().toISOString(),
      data: { runId: 'run-1', provider: 'connectwise' },
    }));
    await db.storage.transaction((repos) =>
      repos.directoryApi.outbox.append(
        events.map((event) => ({ event, tenantId: 'tenant-1', runId: 'run-1' })),
      ),
    );
    return events.map((e) => e.id);
  };

  beforeEach(async () => {
    db = await dialect.open();
    // Real time: receivers check the signed timestamp against their own clock.
    clock = new ManualClock(new Date().toISOString());
    sent = [];
    answer = () => ({ kind: 'answered', status: 200, retryAfterSeconds: null });
    await seedTenant(db.storage.repos, 'tenant-1');
  });

  afterEach(async () => {
    await db.close();
  });

  it('signs with the standard scheme and retries on the spec schedule with the same webhook-id', async () => {
    await addEndpoint('ep-1');
    const [id] = await emit('company.created');
    answer = () => ({ kind: 'answered', status: 503, retryAfterSeconds: null });
    const d = dispatcher();
    expect(await d.tick()).toBe(1);
    clock.advance(4_000);
    expect(await d.tick()).toBe(0);
    clock.advance(1_001);
    answer = () => ({ kind: 'answered', status: 200, retryAfterSeconds: null });
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect(sent.map((s) => s.headers['webhook-id'])).toEqual([id, id]);
    for (const s of sent) {
      expect(new Webhook(SECRET).verify(s.body, s.headers)).toMatchObject({ type: 'company.created' });
    }
    expect(sent[0]?.body).toBe(sent[1]?.body);
  });

  it('honours Retry-After on 429 and gives up after the last retry', async () => {
    await addEndpoint('ep-1');
    await emit('user.created');
    answer = () => ({ kind: 'answered', status: 429, retryAfterSeconds: 600 });
    const d = dispatcher();
    await d.tick();
    clock.advance(599_000);
    expect(await d.tick()).toBe(0);
    clock.advance(1_000);
    expect(await d.tick()).toBe(1);
    answer = () => ({ kind: 'answered', status: 500, retryAfterSeconds: null });
    for (let i = 0; i < 10; i += 1) {
      clock.advance(12 * 3_600_000);
      await d.tick();
    }
    expect(sent).toHaveLength(8);
    const health = await db.storage.repos.directoryApi.endpoints.health('tenant-1');
    expect(health[0]).toMatchObject({ queued: 0, failed: 1, lastError: 'the receiver answered 500' });
  });

  it('stops an endpoint that answers 410 Gone', async () => {
    await addEndpoint('ep-1');
    await emit('company.created', 2);
    answer = () => ({ kind: 'answered', status: 410, retryAfterSeconds: null });
    const d = dispatcher();
    await d.tick();
    const endpoint = await db.storage.repos.directoryApi.endpoints.get('tenant-1', 'ep-1');
    expect(endpoint?.disabledReason).toMatch(/410/);
    const before = sent.length;
    await emit('company.created');
    clock.advance(3_600_000);
    await d.tick();
    expect(sent.length).toBe(before);
  });

  it('sends both signatures while a rotated secret overlaps', async () => {
    await addEndpoint('ep-1');
    await db.storage.repos.directoryApi.endpoints.rotateSecret(
      'tenant-1',
      'ep-1',
      {
        sealedSecret: box.seal(NEW_SECRET, 'ep-1'),
        sealedPreviousSecret: box.seal(SECRET, 'ep-1'),
        previousSecretUntil: new Date(clock.now().getTime() + 3_600_000).toISOString(),
      },
      clock.now().toISOString(),
    );
    await emit('company.mapped');
    await dispatcher().tick();
    const hook = sent[0];
    expect(hook?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(NEW_SECRET).verify(hook?.body ?? '', hook?.headers ?? {})).not.toThrow();
    expect(() => new Webhook(SECRET).verify(hook?.body ?? '', hook?.headers ?? {})).not.toThrow();
  });

  it('sends an endpoint only the types it asked for, and none of what came before it', async () => {
    await emit('user.created');
    await addEndpoint('ep-users', ['user.created']);
    await emit('company.created');
    const [wanted] = await emit('user.created');
    await dispatcher().tick();
    expect(sent.map((s) => s.headers['webhook-id'])).toEqual([wanted]);
  });

  it('lets two dispatchers share the work without sending anything twice', async () => {
    await addEndpoint('ep-1');
    const ids = await emit('user.created', 40);
    await Promise.all([dispatcher('a').tick(), dispatcher('b').tick()]);
    await Promise.all([dispatcher('a').tick(), dispatcher('b').tick()]);
    const delivered = sent.map((s) => s.headers['webhook-id']);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...ids].sort());
  });

  it('expands a batch row of many events into one delivery and one change per event id', async () => {
    await addEndpoint('ep-1');
    const ids = await emit('user.created', 1_200);
    const d = dispatcher();
    for (let round = 0; round < 20 && (await d.tick()) > 0; round += 1) {}
    expect(sent.map((s) => s.headers['webhook-id'])).toEqual(ids);
    const paged: string[] = [];
    let cursor = 0;
    for (;;) {
      const page = await db.storage.repos.directoryApi.outbox.changesSince('tenant-1', cursor, 500);
      if (page.length === 0) break;
      paged.push(...page.map((c) => c.event.id));
      cursor = page.at(-1)?.seq ?? cursor;
    }
    expect(paged).toEqual(ids);
  });

  it('writes no event when the transaction that carries it rolls back', async () => {
    await expect(
      db.storage.transaction(async (repos) => {
        await repos.directoryApi.outbox.append([
          {
            event: { id: 'evt_x', type: 'company.created', timestamp: clock.now().toISOString(), data: {} },
            tenantId: 'tenant-1',
            runId: null,
          },
        ]);
        throw new Error('apply failed');
      }),
    ).rejects.toThrow('apply failed');
    expect(await db.storage.repos.directoryApi.outbox.changesSince('tenant-1', 0, 10)).toEqual([]);
  });
});
