import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../adapters/crypto/secret-box.js';
import { createWebhookDispatcher } from '../../../adapters/webhooks/dispatcher.js';
import type { Logger } from '../../../src/ports/logger.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { seedTenant } from '../storage/storage-fixtures.js';
import { webhookEndpoint } from './endpoint-fixtures.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Issue 8: one tenant's damaged endpoint or batch never stops the deliveries of the others. */
describe.each(storageDialects())('the webhook dispatcher over damaged rows on $name', (dialect) => {
  let db: TestStorage;
  let clock: ManualClock;
  const box = createSecretBox(randomBytes(32));
  let sentTo: string[];
  let errors: { fields: Readonly<Record<string, unknown>>; message: string }[];

  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (fields, message) => {
      errors.push({ fields, message });
    },
  };

  const dispatcher = () =>
    createWebhookDispatcher({
      storage: db.storage,
      secrets: box,
      clock,
      logger,
      owner: 'one',
      post: async (url) => {
        sentTo.push(url);
        return { kind: 'answered', status: 200, retryAfterSeconds: null };
      },
      random: () => 0.5,
      leaseMs: 30_000,
      batchSize: 100,
      concurrency: 2,
      pollMs: 1000,
    });

  const addEndpoint = (id: string, tenantId: string) =>
    db.storage.repos.directoryApi.endpoints.insert(
      webhookEndpoint({ id, tenantId, sealedSecret: box.seal(SECRET, id), at: clock.now().toISOString() }),
    );

  const emit = (tenantId: string, id: string) =>
    db.storage.transaction((repos) =>
      repos.directoryApi.outbox.append([
        {
          tenantId,
          runId: 'run-1',
          event: { id, type: 'company.created', timestamp: clock.now().toISOString(), data: { n: 1 } },
        },
      ]),
    );

  beforeEach(async () => {
    db = await dialect.open();
    clock = new ManualClock(new Date().toISOString());
    sentTo = [];
    errors = [];
    await seedTenant(db.storage.repos, 'tenant-1');
    await seedTenant(db.storage.repos, 'tenant-2');
  });

  afterEach(async () => {
    await db.close();
  });

  it('delivers the other tenants’ events and logs a damaged endpoint once, however many rounds', async () => {
    await addEndpoint('ep-1', 'tenant-1');
    await addEndpoint('ep-2', 'tenant-2');
    await emit('tenant-1', 'evt_1');
    await emit('tenant-2', 'evt_2');
    await db.db.updateTable('webhook_endpoints').set({ events: '{oops' }).where('id', '=', 'ep-1').execute();

    const d = dispatcher();
    expect(await d.tick()).toBe(1);
    await emit('tenant-2', 'evt_3');
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);

    expect(sentTo).toEqual(['https://receiver.example/ep-2', 'https://receiver.example/ep-2']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'damaged record skipped',
      fields: {
        code: 'stored_data_invalid',
        table: 'webhook_endpoints',
        id: 'ep-1',
        err: { details: { hint: 'webhook endpoint ep-1, field events' } },
      },
    });
    expect(JSON.stringify(errors[0]?.fields)).not.toContain(SECRET);
  });

  it('skips a damaged batch and delivers the ones after it', async () => {
    await addEndpoint('ep-1', 'tenant-1');
    await emit('tenant-1', 'evt_1');
    await emit('tenant-1', 'evt_2');
    const first = await db.db
      .selectFrom('webhook_outbox_batches')
      .select('seq')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await db.db
      .updateTable('webhook_outbox_batches')
      .set({ events: '{"t":1}' })
      .where('seq', '=', first.seq)
      .execute();

    const d = dispatcher();
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect(sentTo).toEqual(['https://receiver.example/ep-1']);
    expect(errors.map((e) => [e.fields.table, e.fields.id])).toEqual([
      ['webhook_outbox_batches', String(first.seq)],
    ]);
  });
});
