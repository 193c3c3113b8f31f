import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../../../adapters/psa/halopsa/rate-pacer.js';

/** A clock that only moves when the pacer sleeps, so the test shows exactly when requests go. */
function pacerClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('the rolling-window pacer', () => {
  it('lets the limit through at once, then waits for the oldest request to leave the window', async () => {
    const clock = pacerClock();
    const pacer = new RatePacer({ limit: 3, windowMs: 1_000 }, clock);
    const started: number[] = [];
    for (let i = 0; i < 7; i += 1) await pacer.run(async () => void started.push(clock.now()));
    expect(started).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
    expect(pacer.waitedMs()).toBe(2_000);
  });

  it('counts requests still in flight, and frees a slot even when the request fails', async () => {
    const clock = pacerClock();
    const pacer = new RatePacer({ limit: 2, windowMs: 500 }, clock);
    await expect(pacer.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const both = [pacer.run(async () => clock.now()), pacer.run(async () => clock.now())];
    expect(await Promise.all(both)).toEqual([0, 500]);
  });
});
