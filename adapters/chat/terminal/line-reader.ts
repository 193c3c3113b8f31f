import type { Interface } from 'node:readline';

/**
 * Lines from a readline interface, one `next()` at a time, so a command and the answers it asks
 * for (credential fields) read from the same queue in order. `null` means the input ended.
 */
export class LineReader {
  readonly #buffered: string[] = [];
  readonly #waiting: ((line: string | null) => void)[] = [];
  #closed = false;

  constructor(rl: Interface) {
    rl.on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter === undefined) this.#buffered.push(line);
      else waiter(line);
    });
    rl.on('close', () => {
      this.#closed = true;
      for (const waiter of this.#waiting.splice(0)) waiter(null);
    });
  }

  next(): Promise<string | null> {
    const line = this.#buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
    });
  }
}
