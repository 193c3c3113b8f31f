import { describe, expect, it } from 'vitest';
import { createPagePump } from '../../../../adapters/psa/connectwise/page-pump.js';

/** A promise with its resolve in hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('page pump', () => {
  it('hands out the early pages before the count, then the rest up to the count, never beyond', async () => {
    const pages = deferred<number | null>();
    const started: number[] = [];
    const running = createPagePump({ early: 2, pages: pages.promise }).run(3, async (page) => {
      started.push(page);
      await tick();
    });
    await tick();
    expect(started).toEqual([1, 2]);
    pages.resolve(6);
    await running;
    expect(started.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is drained once every page up to the count has been handed out, not before', async () => {
    const pages = deferred<number | null>();
    const seen: Array<[number, boolean]> = [];
    const pump = createPagePump({ early: 1, pages: pages.promise });
    const running = pump.run(2, async (page) => {
      await tick();
      seen.push([page, pump.drained()]);
    });
    await tick();
    expect(pump.drained()).toBe(false);
    pages.resolve(4);
    await running;
    // Pages 1-2 were read while 3 and 4 were still to go; by page 4 nothing was left to hand out.
    expect(new Map(seen).get(1)).toBe(false);
    expect(new Map(seen).get(4)).toBe(true);
    expect(pump.drained()).toBe(true);
  });

  it('reads no more than the early pages when the plan is another way (null)', async () => {
    const started: number[] = [];
    await createPagePump({ early: 2, pages: Promise.resolve(null) }).run(4, async (page) => {
      started.push(page);
    });
    expect(started.sort()).toEqual([1, 2]);
  });

  it('starts the next page as soon as any reader is free, not in rounds', async () => {
    const slow = deferred<void>();
    const started: number[] = [];
    const running = createPagePump({ early: 0, pages: Promise.resolve(8) }).run(2, async (page) => {
      started.push(page);
      if (page === 1) await slow.promise;
      else await tick();
    });
    // Page 1 is held: the other reader goes through every remaining page meanwhile.
    for (let i = 0; i < 20 && started.length < 8; i += 1) await tick();
    expect(started.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    slow.resolve();
    await running;
  });

  it('keeps at most `readers` pages in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await createPagePump({ early: 3, pages: Promise.resolve(20) }).run(3, async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
    });
    expect(peak).toBe(3);
  });

  it('starts no page after a failure, waits for the running ones, then throws the first error', async () => {
    const started: number[] = [];
    let finished = 0;
    const failure = await createPagePump({ early: 0, pages: Promise.resolve(50) })
      .run(3, async (page) => {
        started.push(page);
        await tick();
        if (page === 2) throw new Error('page 2');
        finished += 1;
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toEqual(new Error('page 2'));
    expect(Math.max(...started)).toBeLessThan(10);
    expect(finished).toBe(started.length - 1);
  });

  it('fails every reader waiting on the count when the count fails', async () => {
    const started: number[] = [];
    const failure = await createPagePump({ early: 1, pages: Promise.reject(new Error('count')) })
      .run(4, async (page) => {
        started.push(page);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toEqual(new Error('count'));
    expect(started).toEqual([1]);
  });
});
