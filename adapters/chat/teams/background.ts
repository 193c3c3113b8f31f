import type { Logger } from '../../../src/ports/logger.js';

/**
 * Work that outlives the invoke that started it (an import after the dialog closed, a slow
 * contact fetch). Teams wants an answer within 5 seconds; the rest runs here, is logged if it
 * fails, and is awaited on shutdown.
 */
export class BackgroundWork {
  readonly #running = new Set<Promise<void>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  run(label: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => {
        this.#logger.error(
          { task: label, error: error instanceof Error ? error.name : 'unknown' },
          'teams background work failed',
        );
      })
      .finally(() => {
        this.#running.delete(task);
      });
    this.#running.add(task);
  }

  /** Resolves when nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
