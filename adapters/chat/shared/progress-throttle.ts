import type { ProgressView } from '../../../src/app/views.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import { logWarning } from './log-error.js';

/**
 * Turns the core's stream of progress callbacks (hundreds for a large PSA) into a few message
 * edits: at most one every `minIntervalMs`, never two at once, so a thread shows one message
 * moving instead of a flood and the platform's rate limits are not spent on progress. A failed
 * edit is logged and forgotten: progress is a courtesy.
 */
export class ProgressThrottle {
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #inFlight = false;
  #chain: Promise<void> = Promise.resolve();
  #latest: ProgressView | null = null;
  #sent = 0;

  constructor(
    private readonly send: (progress: ProgressView, final: boolean) => Promise<void>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly minIntervalMs: number,
  ) {}

  /** Synchronous and never throws: the core calls it from inside its fetch loop. */
  readonly push = (progress: ProgressView): void => {
    this.#latest = progress;
    if (this.#inFlight) return;
    const now = this.clock.now().getTime();
    if (now - this.#lastSentAt < this.minIntervalMs) return;
    this.#lastSentAt = now;
    this.#enqueue(progress, false);
  };

  #enqueue(progress: ProgressView, final: boolean): void {
    this.#inFlight = true;
    this.#sent += 1;
    this.#chain = this.#chain
      .then(() => this.send(progress, final))
      .catch((error: unknown) => logWarning(this.logger, 'progress update failed', error))
      .finally(() => {
        this.#inFlight = false;
      });
  }

  /**
   * Waits for the edit in flight, so a final message is never overwritten by progress. With
   * `showFinal`, the last numbers are shown once more (when anything was shown at all).
   */
  async settle(showFinal = false): Promise<void> {
    await this.#chain;
    if (showFinal && this.#latest !== null && this.#sent > 0) {
      this.#enqueue(this.#latest, true);
      await this.#chain;
    }
  }

  get updatesSent(): number {
    return this.#sent;
  }
}
