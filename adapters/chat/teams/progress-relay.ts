import type { ProgressView } from '../../../src/app/views.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { Connector } from './connector.js';
import { progressCard } from './run-cards.js';
import { type ThreadAddress, threadConversation } from './thread-ref.js';

/**
 * Shows fetch progress as one reply in the run's thread, updated in place at most once per
 * `minIntervalMs` (Teams throttles message updates), and once more at the end with the totals.
 * Sends are serialised, so updates never overtake the message they update.
 */
export class ProgressRelay {
  readonly #connector: Connector;
  readonly #thread: ThreadAddress;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #minIntervalMs: number;
  #activityId: string | null = null;
  #latest: ProgressView | null = null;
  #lastShownAt = Number.NEGATIVE_INFINITY;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    connector: Connector,
    thread: ThreadAddress,
    clock: Clock,
    logger: Logger,
    minIntervalMs: number,
  ) {
    this.#connector = connector;
    this.#thread = thread;
    this.#clock = clock;
    this.#logger = logger;
    this.#minIntervalMs = minIntervalMs;
  }

  /** The core's progress callback: synchronous, never throws. */
  readonly push = (progress: ProgressView): void => {
    this.#latest = progress;
    const now = this.#clock.now().getTime();
    if (now - this.#lastShownAt < this.#minIntervalMs) return;
    this.#lastShownAt = now;
    this.#enqueue(progress, false);
  };

  /** Shows the final numbers, if anything was shown at all, and waits for every send. */
  async finish(): Promise<void> {
    if (this.#latest !== null) this.#enqueue(this.#latest, true);
    await this.#queue;
  }

  #enqueue(progress: ProgressView, finished: boolean): void {
    this.#queue = this.#queue.then(async () => {
      try {
        const card = progressCard(progress, finished);
        if (this.#activityId === null) this.#activityId = await this.#connector.reply(this.#thread, card);
        else await this.#connector.update(threadConversation(this.#thread), this.#activityId, card);
      } catch (error) {
        this.#logger.warn(
          { error: error instanceof Error ? error.name : 'unknown' },
          'teams progress update failed',
        );
      }
    });
  }
}
