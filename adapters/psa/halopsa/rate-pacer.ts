/**
 * Keeps requests to one Halo instance within a rolling window (Halo answers 429 past "300
 * requests per rolling 5 minute window"). Each request takes a slot; when the window is full the
 * next one waits until the oldest slot leaves it. A slot is stamped when the request *ends*, which
 * is no earlier than when the server counted it, so the client's window never frees a slot before
 * the server's does.
 *
 *   const pacer = new RatePacer({ limit: 290, windowMs: 300_000 }, { now, sleep });
 *   const answer = await pacer.run(() => http.send(...));
 *
 * One pacer per Halo instance, shared by every session of the process, so two imports at once
 * stay within the limit together.
 */

export interface RateWindow {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface PacerClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export class RatePacer {
  readonly #window: RateWindow;
  readonly #clock: PacerClock;
  /** End times of the requests in the current window, oldest first. */
  readonly #stamps: number[] = [];
  #inFlight = 0;
  /** A queue so waiting requests go in order and each sees the slots the previous one took. */
  #turn: Promise<void> = Promise.resolve();
  #waitedMs = 0;

  constructor(window: RateWindow, clock: PacerClock) {
    this.#window = { limit: Math.max(1, Math.floor(window.limit)), windowMs: Math.max(1, window.windowMs) };
    this.#clock = clock;
  }

  get window(): RateWindow {
    return this.#window;
  }

  /** Total time requests spent waiting for a slot (for the bench and the log). */
  waitedMs(): number {
    return this.#waitedMs;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#inFlight -= 1;
      this.#stamps.push(this.#clock.now());
    }
  }

  #acquire(): Promise<void> {
    const mine = this.#turn.then(() => this.#waitForSlot());
    // The next caller waits for this one to hold its slot, whatever happens to it.
    this.#turn = mine.catch(() => {});
    return mine;
  }

  async #waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      while (this.#stamps.length > 0 && (this.#stamps[0] ?? 0) <= now - this.#window.windowMs)
        this.#stamps.shift();
      if (this.#stamps.length + this.#inFlight < this.#window.limit) {
        this.#inFlight += 1;
        return;
      }
      const oldest = this.#stamps[0];
      // All slots are in flight: wait a little for one to end and stamp itself.
      const waitMs = oldest === undefined ? 50 : Math.max(1, oldest + this.#window.windowMs - now);
      this.#waitedMs += waitMs;
      await this.#clock.sleep(waitMs);
    }
  }
}
