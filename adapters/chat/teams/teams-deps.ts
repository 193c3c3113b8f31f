import type { ImportBot } from '../../../src/app/bot-api.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { BackgroundRunner } from '../shared/background-runner.js';
import type { Connector } from './connector.js';
import type { RefreshUsers } from './refresh-users.js';

/** What the Teams handlers work with. */
export interface TeamsDeps {
  readonly bot: ImportBot;
  readonly connector: Connector;
  readonly refreshUsers: RefreshUsers;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly background: BackgroundRunner;
  /** Tenants served, or null for any (the unauthenticated local mode). */
  readonly allowedTenants: readonly string[] | null;
  /** At most one progress update per interval. */
  readonly progressIntervalMs: number;
  /**
   * Resolves when an invoke has waited long enough for the core and must be answered with an
   * interim card (Teams gives up after 5 s). Injected so tests decide, not timers.
   */
  readonly answerDeadline: () => Promise<void>;
  /** How long activity ids and click keys are remembered against replays. */
  readonly dedupeTtlMs: number;
}

export type Outcome<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/** Waits for `work` until the deadline; the work keeps running either way. */
export async function withinDeadline<T>(deps: TeamsDeps, work: Promise<T>): Promise<Outcome<T>> {
  const late = deps.answerDeadline().then((): Outcome<T> => ({ done: false }));
  return Promise.race([work.then((value): Outcome<T> => ({ done: true, value })), late]);
}
