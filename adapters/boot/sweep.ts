import type { Maintenance } from '../../src/app/bot-api.js';
import type { Clock } from '../../src/ports/clock.js';
import type { Logger } from '../../src/ports/logger.js';
import type { Storage } from '../../src/ports/storage.js';
import { logError } from '../chat/shared/log-error.js';

export interface SweepOptions {
  readonly maintenance: Maintenance;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
}

/**
 * Expires abandoned runs and approvals, and forgets old request keys, every `intervalMs`. The
 * timer is unref'd so it never keeps the process alive, and a slow sweep is never overlapped by
 * the next. Returns a stop function that waits for a sweep in progress.
 */
export function startSweep(options: SweepOptions): () => Promise<void> {
  let running: Promise<void> | null = null;
  const sweep = async (): Promise<void> => {
    try {
      const expired = await options.maintenance.expireStale();
      const purged = await options.storage.repos.dedupe.purgeExpired(options.clock.now().toISOString());
      if (expired > 0 || purged > 0) options.logger.info({ expired, purged }, 'expiry sweep');
    } catch (error) {
      logError(options.logger, 'expiry sweep failed', error);
    }
  };
  const timer = setInterval(() => {
    if (running !== null) return;
    running = sweep().finally(() => {
      running = null;
    });
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
