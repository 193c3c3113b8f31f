import { hostname } from 'node:os';
import type { DigestDeliver, DigestDelivery, DigestRunner } from '../../src/app/use-cases/digest-runner.js';
import type { Provider } from '../../src/domain/provider.js';
import type { Logger } from '../../src/ports/logger.js';
import type { HttpSurface } from '../chat/shared/http-surface.js';
import type { DigestInbox } from '../chat/terminal/digest-inbox.js';

/** Autotask allows 10,000 requests an hour per database, shared with the MSP's other tools. */
const AUTOTASK_HOURLY_REQUESTS = 10_000;
/** Halo answers 429 past 300 requests per rolling 5 minutes: 3,600 an hour at most. */
const HALO_HOURLY_REQUESTS = 3_600;

/** The most requests one digest may make, per provider, from DIGEST_REQUEST_SHARE_PERCENT. */
export function digestMaxRequests(sharePercent: number): Partial<Record<Provider, number>> {
  return {
    autotask: Math.max(1, Math.floor((AUTOTASK_HOURLY_REQUESTS * sharePercent) / 100)),
    halopsa: Math.max(1, Math.floor((HALO_HOURLY_REQUESTS * sharePercent) / 100)),
  };
}

/** Names this process among the replicas, for the digest lease. */
export function replicaId(random: () => string): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${random()}`;
}

/**
 * Posts a digest on the surface its schedule was set on: Slack and Teams through their
 * surfaces, the terminal through its inbox. No taker is an error, so the digest is not counted
 * as reported and comes again at the next slot.
 */
export function digestDeliverer(surfaces: readonly HttpSurface[], inbox: DigestInbox | null): DigestDeliver {
  return async (delivery: DigestDelivery) => {
    if (inbox?.post(delivery.conversation, delivery.view) === true) return;
    for (const surface of surfaces) {
      if (surface.postDigest === undefined || surface.name !== delivery.conversation.platform) continue;
      if (await surface.postDigest(delivery.conversation, delivery.view)) return;
    }
    throw new Error(`no ${delivery.conversation.platform} surface to post the digest to`);
  };
}

export interface DigestSchedulerOptions {
  readonly runner: DigestRunner;
  readonly deliver: DigestDeliver;
  readonly logger: Logger;
  /** This replica's lease holder name. */
  readonly holder: string;
  readonly intervalMs: number;
}

/**
 * Looks for due digests at start (a slot missed while the bot was down runs now, once) and then
 * every `intervalMs`; a slow round is never overlapped by the next. The timer is unref'd. Returns
 * a stop function that waits for a round in progress.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = (): void => {
    if (running !== null || stopped) return;
    running = options.runner
      .runDue(options.holder, options.deliver)
      .then(
        (ran) => {
          if (ran > 0) options.logger.info({ ran }, 'change digests ran');
        },
        (error: unknown) => {
          options.logger.error(
            { errorName: error instanceof Error ? error.name : 'unknown' },
            'digest round failed',
          );
        },
      )
      .finally(() => {
        running = null;
      });
  };
  round();
  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
