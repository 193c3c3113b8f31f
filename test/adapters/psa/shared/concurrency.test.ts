import { describe, expect, it } from 'vitest';
import { createKeyedLimiter } from '../../../../adapters/psa/shared/keyed-limiter.js';
import { mapWithConcurrency } from '../../../../adapters/psa/shared/map-with-concurrency.js';

/** A promise the test resolves by hand, so ordering is controlled without timers. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createKeyedLimiter', () => {
  it('limits each key separately and serves waiters in order', async () => {
    const limiter = createKeyedLimiter({ defaultLimit: 2, limits: { solo: 1 } });
    const gates = Array.from({ length: 4 }, () => deferred());
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run('a', async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    const solo = [deferred(), deferred()];
    const soloRuns = solo.map((gate) => limiter.run('solo', () => gate.promise));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.inFlight('a')).toBe(2);
    expect(limiter.inFlight('solo')).toBe(1);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of [...gates, ...solo]) gate.resolve();
    await Promise.all([...runs, ...soloRuns]);
    expect(limiter.maxInFlight('a')).toBe(2);
    expect(limiter.maxInFlight('solo')).toBe(1);
    expect(limiter.inFlight('a')).toBe(0);
  });

  it('lowers a key by one, never below 1, letting running tasks finish first', async () => {
    const limiter = createKeyedLimiter({ defaultLimit: 3, limits: { other: 2 } });
    const gates = Array.from({ length: 6 }, () => deferred());
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run('a', async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.lower('a')).toBe(2);
    expect(limiter.lower('a')).toBe(1);
    expect(limiter.lower('a')).toBe(1);
    expect(limiter.limitFor('other')).toBe(2);
    // Three still run over the new limit of 1: a waiter starts only when none is left running.
    gates[0]?.resolve();
    await tick();
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.inFlight('a')).toBe(1);
    gates[2]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(limiter.inFlight('a')).toBe(1);
    // A newcomer queues behind the waiters.
    const late = limiter.run('a', async () => {
      started.push(6);
    });
    gates[3]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const gate of gates) gate.resolve();
    await Promise.all([...runs, late]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.inFlight('a')).toBe(0);
  });

  it('releases the slot when a task fails', async () => {
    const limiter = createKeyedLimiter({ defaultLimit: 1 });
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('k', async () => 'ok')).toBe('ok');
  });
});

describe('mapWithConcurrency', () => {
  it('keeps results in input order with a bounded number in flight', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 3, async (value, index) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < value; i += 1) await tick();
      running -= 1;
      return value * 10 + index;
    });
    expect(results).toEqual([50, 11, 42, 23, 34, 5]);
    expect(peak).toBe(3);
  });

  it('stops starting items after a failure and waits for those in flight', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (value) => {
      started.push(value);
      await tick();
      if (value === 1) throw new Error('batch 1 failed');
      await tick();
      finished += 1;
      return value;
    });
    await expect(run).rejects.toThrow('batch 1 failed');
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(1);
  });

  it('returns an empty array for no items', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
