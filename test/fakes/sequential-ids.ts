import type { IdGenerator } from '../../src/ports/ids.js';

/** Deterministic ids: `id-000001`, `id-000002`, … */
export class SequentialIds implements IdGenerator {
  #next = 0;

  constructor(readonly prefix = 'id') {}

  next(): string {
    this.#next += 1;
    return `${this.prefix}-${String(this.#next).padStart(6, '0')}`;
  }
}
