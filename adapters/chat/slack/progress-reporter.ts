import type { ProgressView } from '../../../src/app/views.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';

/**
 * Turns a stream of progress callbacks (hundreds for a large PSA) into a few chat.update calls:
 * at most one every `minIntervalMs`, never two at once, so the thread shows one message moving
 * instead of a flood, and Slack's per-channel rate limit is not spent on progress.
 */
export class ProgressReporter {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private inFlight = false;
  private chain: Promise<void> = Promise.resolve();
  private sent = 0;

  constructor(
    private readonly send: (progress: ProgressView) => Promise<void>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly minIntervalMs: number,
  ) {}

  /** Synchronous on purpose: the core calls it from inside its fetch loop. */
  push(progress: ProgressView): void {
    if (this.inFlight) return;
    const now = this.clock.now().getTime();
    if (now - this.lastSentAt < this.minIntervalMs) return;
    this.inFlight = true;
    this.lastSentAt = now;
    this.sent += 1;
    this.chain = this.chain
      .then(() => this.send(progress))
      .catch((error: unknown) => {
        this.logger.warn(
          { err: error instanceof Error ? error.message : 'unknown' },
          'progress update failed',
        );
      })
      .finally(() => {
        this.inFlight = false;
      });
  }

  /** Waits for the update in flight, so the final message is never overwritten by progress. */
  async settle(): Promise<void> {
    await this.chain;
  }

  get updatesSent(): number {
    return this.sent;
  }
}
