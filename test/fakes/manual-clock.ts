import type { Clock } from '../../src/ports/clock.js';

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = '2026-11-21T09:00:00.000Z') {
    this.#now = Date.parse(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
