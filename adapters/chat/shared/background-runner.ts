import type { Logger } from '../../../src/ports/logger.js';
import { logError } from './log-error.js';

/**
 * Work that runs after the platform has had its answer (Slack's 3 s ack, Teams' 5 s invoke).
 * Work for one run (same key) runs in the order it came, so two quick clicks on one import
 * render in order; different runs run side by side. Every task is tracked so shutdown lets it
 * finish and tests can wait for quiet; a failing task is logged once, here, never left unhandled.
 *
 * Tasks start one per turn of the event loop. The core's SQLite calls are synchronous, so a burst
 * of twenty commands started at once would hold the loop until all twenty had queried; starting
 * them one at a time lets the server read, verify and acknowledge the requests still waiting.
 */
export class BackgroundRunner {
  readonly #running = new Set<Promise<void>>();
  readonly #tails = new Map<string, Promise<void>>();
  readonly #waiting: (() => void)[] = [];
  #pumping = false;
  #accepting = true;

  constructor(
    private readonly logger: Logger,
    /** Prefix of the log line, e.g. `slack`. */
    private readonly surface: string,
  ) {}

  /** `runKey`: the run the work belongs to, e.g. `run:<id>`; undefined for unordered work. */
  run(name: string, task: () => Promise<unknown>, runKey?: string): void {
    if (!this.#accepting) return;
    const previous = runKey === undefined ? undefined : this.#tails.get(runKey);
    const promise = this.#nextTurn()
      .then(() => previous)
      .then(task)
      .then(
        () => undefined,
        (error: unknown) =>
          logError(this.logger, `${this.surface} background work failed`, error, { task: name }),
      );
    this.#running.add(promise);
    if (runKey !== undefined) this.#tails.set(runKey, promise);
    void promise.finally(() => {
      // Bookkeeping only; the task's own errors were caught above.
      this.#running.delete(promise);
      if (runKey !== undefined && this.#tails.get(runKey) === promise) this.#tails.delete(runKey);
    });
  }

  /** Resolves on a later turn of the event loop than any task started before it. */
  #nextTurn(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      if (!this.#pumping) this.#pump();
    });
  }

  #pump(): void {
    this.#pumping = true;
    setImmediate(() => {
      this.#waiting.shift()?.();
      if (this.#waiting.length > 0) this.#pump();
      else this.#pumping = false;
    });
  }

  /** Resolves when nothing is running, including tasks started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }

  async stop(): Promise<void> {
    this.#accepting = false;
    await this.idle();
  }
}
