import type { Logger } from '../../../src/ports/logger.js';

/**
 * Work that runs after Slack has been acknowledged. Each task is tracked so `stop` can let it
 * finish and tests can wait for quiet; a failing task is logged, never left unhandled. Tasks
 * with the same key (a run) run one after another, so two quick clicks on one import render in
 * the order they came.
 *
 * Tasks start one per turn of the event loop. The core's database calls are synchronous, so a
 * burst of twenty commands started at once would hold the loop until all twenty had queried;
 * starting them one at a time lets the server read, verify and acknowledge the requests still
 * waiting in between (Slack gives up after 3 s).
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();
  private readonly waiting: (() => void)[] = [];
  private pumping = false;
  private accepting = true;

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<void>, key?: string): void {
    if (!this.accepting) return;
    const previous = key === undefined ? undefined : this.tails.get(key);
    const promise = this.nextTurn()
      .then(() => previous)
      .then(task)
      .catch((error: unknown) => {
        this.logger.error(
          { task: name, err: error instanceof Error ? error.message : 'unknown' },
          'slack task failed',
        );
      });
    this.running.add(promise);
    if (key !== undefined) this.tails.set(key, promise);
    void promise.finally(() => {
      // Bookkeeping only; the task's own errors were caught above.
      this.running.delete(promise);
      if (key !== undefined && this.tails.get(key) === promise) this.tails.delete(key);
    });
  }

  /** Resolves on a later turn of the event loop than any task started before it. */
  private nextTurn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) this.pump();
    });
  }

  private pump(): void {
    this.pumping = true;
    setImmediate(() => {
      this.waiting.shift()?.();
      if (this.waiting.length > 0) this.pump();
      else this.pumping = false;
    });
  }

  /** Resolves when nothing is running, including tasks started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    this.accepting = false;
    await this.idle();
  }
}
