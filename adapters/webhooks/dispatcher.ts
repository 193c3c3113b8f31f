import { Webhook } from 'standardwebhooks';
import { damageReporter } from '../../src/app/damage-report.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ClaimedDelivery, DeliveryOutcome } from '../../src/ports/directory-api.js';
import type { Logger } from '../../src/ports/logger.js';
import type { SecretBox } from '../../src/ports/secret-box.js';
import type { Storage } from '../../src/ports/storage.js';
import { nextAttemptDelay } from './retry-schedule.js';
import type { PostResult } from './safe-post.js';

export interface DispatcherOptions {
  readonly storage: Storage;
  readonly secrets: SecretBox;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This process's name in claims; a new one per start, so a restarted process never reuses leases. */
  readonly owner: string;
  readonly post: (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;
  /** [0, 1), for the retry jitter. */
  readonly random: () => number;
  /** How long a claim lasts: a killed dispatcher's deliveries are retried after it (same webhook-id). */
  readonly leaseMs: number;
  readonly batchSize: number;
  /** Sends in flight at once. */
  readonly concurrency: number;
  /** Idle wait between polls. */
  readonly pollMs: number;
  /** Failed attempts of one event after which its import's thread hears that the endpoint keeps failing. */
  readonly failureDigestAfter?: number;
  /** Posts the failure digest; called once per endpoint and run (see claimFailureDigest). */
  readonly onEndpointFailing?: (failing: FailingEndpoint) => Promise<void>;
}

/** An endpoint that keeps failing the events of an import. */
export interface FailingEndpoint {
  readonly tenantId: string;
  readonly runId: string;
  readonly endpointId: string;
  readonly url: string;
  readonly attempts: number;
  /** The last HTTP status, or null when the receiver could not be reached. */
  readonly status: number | null;
  /** True when the dispatcher gave up on the event (410 or the last retry). */
  readonly gaveUp: boolean;
}

/** The spec's schedule retries at 5 s and 5 min: a third failure means about five minutes of failing. */
export const FAILURE_DIGEST_AFTER = 3;

export interface WebhookDispatcher {
  /** One round: enqueue new events, claim due deliveries, send them. Returns how many were sent. */
  tick(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/** Both signatures while a rotated-out secret is still valid, space-separated per the spec. */
export function signatureHeader(
  secrets: readonly string[],
  eventId: string,
  timestamp: Date,
  payload: string,
): string {
  return secrets.map((secret) => new Webhook(secret).sign(eventId, timestamp, payload)).join(' ');
}

function outcomeOf(result: PostResult, attempts: number, now: Date, random: number): DeliveryOutcome {
  if (result.kind === 'answered' && result.status >= 200 && result.status < 300) {
    return { kind: 'delivered', status: result.status };
  }
  if (result.kind === 'answered' && result.status === 410) return { kind: 'gone', status: 410 };
  const status = result.kind === 'answered' ? result.status : null;
  const error =
    result.kind === 'failed'
      ? result.error
      : result.status >= 300 && result.status < 400
        ? `the receiver answered ${result.status}; redirects are not followed`
        : `the receiver answered ${result.status}`;
  const delay = nextAttemptDelay(
    attempts,
    random,
    result.kind === 'answered' ? result.retryAfterSeconds : null,
  );
  if (delay === null) return { kind: 'give-up', status, error };
  return { kind: 'retry', nextAttemptAt: new Date(now.getTime() + delay).toISOString(), status, error };
}

/**
 * Delivers the outbox at least once. Claims are leases in the database, so on PostgreSQL several
 * replicas share the work (SKIP LOCKED) and on SQLite one process delivers; a dispatcher killed
 * mid-send leaves its claims to expire and the next one sends again with the same `webhook-id`.
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { storage, clock, logger } = options;
  const reportDamaged = damageReporter(logger);

  const deliver = async (delivery: ClaimedDelivery): Promise<void> => {
    const now = clock.now();
    const keys = [options.secrets.open(delivery.sealedSecret, delivery.endpointId)];
    if (
      delivery.sealedPreviousSecret !== null &&
      delivery.previousSecretUntil !== null &&
      delivery.previousSecretUntil > now.toISOString()
    ) {
      keys.push(options.secrets.open(delivery.sealedPreviousSecret, delivery.endpointId));
    }
    const headers = {
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signatureHeader(keys, delivery.eventId, now, delivery.payload),
    };
    const result = await options.post(delivery.url, headers, delivery.payload);
    const outcome = outcomeOf(result, delivery.attempts + 1, clock.now(), options.random());
    await storage.repos.directoryApi.deliveries.finish(
      options.owner,
      delivery,
      outcome,
      clock.now().toISOString(),
    );
    if (outcome.kind !== 'delivered') {
      await digestFailure(delivery, outcome);
      logger.warn(
        {
          endpointId: delivery.endpointId,
          eventId: delivery.eventId,
          outcome: outcome.kind,
          status: outcome.status,
        },
        'webhook delivery failed',
      );
    }
  };

  /** Once per endpoint and run, after enough failed attempts of one of the run's events. */
  const digestFailure = async (
    delivery: ClaimedDelivery,
    outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }>,
  ): Promise<void> => {
    const notify = options.onEndpointFailing;
    const gaveUp = outcome.kind !== 'retry';
    const attempts = delivery.attempts + 1;
    if (notify === undefined || delivery.runId === null) return;
    if (!gaveUp && attempts < (options.failureDigestAfter ?? FAILURE_DIGEST_AFTER)) return;
    const runId = delivery.runId;
    try {
      const first = await storage.repos.directoryApi.deliveries.claimFailureDigest(
        delivery.tenantId,
        delivery.endpointId,
        runId,
        clock.now().toISOString(),
      );
      if (!first) return;
      await notify({
        tenantId: delivery.tenantId,
        runId,
        endpointId: delivery.endpointId,
        url: delivery.url,
        attempts,
        status: outcome.status,
        gaveUp,
      });
    } catch (error) {
      logger.error(
        { errorName: (error as Error).name, endpointId: delivery.endpointId },
        'webhook failure digest failed',
      );
    }
  };

  const tick = async (): Promise<number> => {
    const now = clock.now();
    const enqueued = await storage.transaction((repos) =>
      repos.directoryApi.deliveries.enqueue(now.toISOString(), options.batchSize * 4),
    );
    reportDamaged(enqueued.damaged);
    const { records: claimed, damaged } = await storage.transaction((repos) =>
      repos.directoryApi.deliveries.claim(
        options.owner,
        now.toISOString(),
        new Date(now.getTime() + options.leaseMs).toISOString(),
        options.batchSize,
      ),
    );
    reportDamaged(damaged);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) {
        const delivery = claimed[next++];
        if (delivery === undefined) return;
        await deliver(delivery).catch((error: unknown) => {
          logger.error(
            { errorName: (error as Error).name, endpointId: delivery.endpointId },
            'webhook delivery crashed',
          );
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, worker));
    return claimed.length;
  };

  let running: Promise<void> | null = null;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;

  const loop = async (): Promise<void> => {
    while (!stopped) {
      let sent = 0;
      try {
        sent = await tick();
      } catch (error) {
        logger.error({ errorName: (error as Error).name }, 'webhook dispatch round failed');
      }
      if (sent > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.pollMs);
        timer.unref();
      });
    }
  };

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
