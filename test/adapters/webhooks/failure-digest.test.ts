import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../adapters/crypto/secret-box.js';
import { createWebhookDispatcher, type FailingEndpoint } from '../../../adapters/webhooks/dispatcher.js';
import { safePost } from '../../../adapters/webhooks/safe-post.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';
import { seedTenant } from '../storage/storage-fixtures.js';
import { webhookEndpoint } from './endpoint-fixtures.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** The digest in the import thread when an endpoint keeps failing, against a failing loopback receiver. */
describe.each(storageDialects())('the webhook failure digest on $name', (dialect) => {
  let db: TestStorage;
  let clock: ManualClock;
  let receiver: WebhookReceiver;
  let url: string;
  let digests: FailingEndpoint[];
  const box = createSecretBox(randomBytes(32));
  let n = 0;

  const dispatcher = (owner: string) =>
    createWebhookDispatcher({
      storage: db.storage,
      secrets: box,
      clock,
      logger: silent,
      owner,
      post: (target, headers, body) =>
        safePost(target, headers, body, { allowPrivate: false, timeoutMs: 5000 }),
      random: () => 0.5,
      leaseMs: 30_000,
      batchSize: 100,
      concurrency: 4,
      pollMs: 1000,
      onEndpointFailing: async (failing) => {
        digests.push(failing);
      },
    });

  const emit = async (runId: string | null, count = 1): Promise<void> => {
    const events = Array.from({ length: count }, () => ({
      event: {
        id: `evt_${++n}`,
        type: 'user.created' as const,
        timestamp: clock.now().toISOString(),
        data: { runId },
      },
      tenantId: 'tenant-1',
      runId,
    }));
    await db.storage.transaction((repos) => repos.directoryApi.outbox.append(events));
  };

  /** One round of two replicas, then the clock moves past the next retry. */
  const round = async (ms: number): Promise<void> => {
    await Promise.all([dispatcher('a').tick(), dispatcher('b').tick()]);
    clock.advance(ms);
  };

  beforeEach(async () => {
    db = await dialect.open();
    clock = new ManualClock(new Date().toISOString());
    digests = [];
    receiver = new WebhookReceiver();
    url = `${await receiver.start()}/hook`;
    receiver.answer = () => ({ status: 503 });
    await seedTenant(db.storage.repos, 'tenant-1');
    await db.storage.repos.directoryApi.endpoints.insert(
      webhookEndpoint({
        id: 'ep-1',
        tenantId: 'tenant-1',
        sealedSecret: box.seal(SECRET, 'ep-1'),
        at: clock.now().toISOString(),
        url,
      }),
    );
  });

  afterEach(async () => {
    await receiver.close();
    await db.close();
  });

  it('tells the import thread once, after the third failed attempt, whatever the replicas and events', async () => {
    await emit('run-1', 5);
    await round(5_001);
    await round(300_001);
    expect(digests).toEqual([]);
    await round(1_800_001);
    expect(digests).toEqual([
      {
        tenantId: 'tenant-1',
        runId: 'run-1',
        endpointId: 'ep-1',
        url,
        attempts: 3,
        status: 503,
        gaveUp: false,
      },
    ]);
    await round(7_200_001);
    expect(digests).toHaveLength(1);
    expect(receiver.received.length).toBe(20);
  });

  it('tells each run once, at once when the receiver answers 410, and never for events outside a run', async () => {
    await emit(null, 2);
    await emit('run-2');
    receiver.answer = () => ({ status: 410 });
    await round(1);
    expect(digests.map((d) => [d.runId, d.gaveUp, d.status])).toEqual([['run-2', true, 410]]);
  });
});
