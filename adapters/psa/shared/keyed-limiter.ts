/**
 * A semaphore per key ("endpoint"), so a provider can promise a PSA "never more than N requests in
 * flight on this endpoint" however many batches run in parallel. Autotask rejects a 4th concurrent
 * request per endpoint with 429 ("thread threshold"); ConnectWise has no hard limit but shares the
 * server with the MSP's own staff, so we stay polite there too.
 *
 *   const limiter = createKeyedLimiter({ defaultLimit: 3, limits: { 'Contacts/query': 2 } });
 *   await limiter.run('Companies/query', () => http.send(...));
 *   limiter.inFlight('Companies/query'); limiter.maxInFlight('Companies/query');
 *
 * Waiters are served first-in first-out so a long batch run cannot starve a progress count.
 */

export interface KeyedLimiterOptions {
  /** Limit for keys not listed in `limits`. Infinity means unlimited. */
  readonly defaultLimit: number;
  readonly limits?: Readonly<Record<string, number>>;
}

export interface KeyedLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  limitFor(key: string): number;
  inFlight(key: string): number;
  /** Highest number of tasks seen running at once on the key, for benches and tests. */
  maxInFlight(key: string): number;
}

interface Slot {
  running: number;
  peak: number;
  readonly waiters: Array<() => void>;
}

export function createKeyedLimiter(options: KeyedLimiterOptions): KeyedLimiter {
  const slots = new Map<string, Slot>();
  const limitFor = (key: string): number => {
    const limit = options.limits?.[key] ?? options.defaultLimit;
    if (!(limit >= 1)) throw new RangeError(`concurrency limit for ${key} must be at least 1`);
    return limit;
  };
  const slotFor = (key: string): Slot => {
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = { running: 0, peak: 0, waiters: [] };
      slots.set(key, slot);
    }
    return slot;
  };

  async function acquire(key: string): Promise<Slot> {
    const slot = slotFor(key);
    if (slot.running >= limitFor(key)) {
      await new Promise<void>((resolve) => slot.waiters.push(resolve));
    } else {
      slot.running += 1;
    }
    slot.peak = Math.max(slot.peak, slot.running);
    return slot;
  }

  function release(slot: Slot): void {
    const next = slot.waiters.shift();
    // Hand the slot straight to the next waiter: `running` stays the same, so no newcomer can slip
    // in between and exceed the limit.
    if (next !== undefined) next();
    else slot.running -= 1;
  }

  return {
    async run(key, task) {
      const slot = await acquire(key);
      try {
        return await task();
      } finally {
        release(slot);
      }
    },
    limitFor,
    inFlight: (key) => slots.get(key)?.running ?? 0,
    maxInFlight: (key) => slots.get(key)?.peak ?? 0,
  };
}
