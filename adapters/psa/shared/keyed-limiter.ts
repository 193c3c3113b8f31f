/**
 * A semaphore per key ("endpoint"), so a provider can promise a PSA "never more than N requests in
 * flight on this endpoint" however many batches run in parallel. Autotask rejects a 4th concurrent
 * request per endpoint with 429 ("thread threshold"); ConnectWise has no hard limit but shares the
 * server with the MSP's own staff, so we stay polite there too.
 *
 *   const limiter = createKeyedLimiter({ defaultLimit: 3, limits: { 'Contacts/query': 2 } });
 *   await limiter.run('Companies/query', () => http.send(...));
 *   limiter.inFlight('Companies/query'); limiter.maxInFlight('Companies/query');
 *   limiter.lower('Companies/query'); // the PSA said 429: one fewer at once from now on (not below 1)
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
  /**
   * One request fewer at once on the key from now on, never below 1; returns the new limit. Tasks
   * already running finish; waiters start only once the running ones are under the new limit.
   */
  lower(key: string): number;
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
  const lowered = new Map<string, number>();
  const limitFor = (key: string): number => {
    const limit = lowered.get(key) ?? options.limits?.[key] ?? options.defaultLimit;
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
    // Behind waiters too: a newcomer never overtakes one (first-in first-out).
    if (slot.running >= limitFor(key) || slot.waiters.length > 0) {
      // `release` counts this task as running before it wakes it.
      await new Promise<void>((resolve) => slot.waiters.push(resolve));
    } else {
      slot.running += 1;
    }
    slot.peak = Math.max(slot.peak, slot.running);
    return slot;
  }

  function release(key: string, slot: Slot): void {
    slot.running -= 1;
    // Waiters are counted as running before they wake, so no newcomer can slip in between and
    // exceed the limit. After `lower`, the running tasks drain below the new limit first.
    while (slot.running < limitFor(key)) {
      const next = slot.waiters.shift();
      if (next === undefined) break;
      slot.running += 1;
      next();
    }
  }

  return {
    async run(key, task) {
      const slot = await acquire(key);
      try {
        return await task();
      } finally {
        release(key, slot);
      }
    },
    limitFor,
    lower(key) {
      const limit = Math.max(1, limitFor(key) - 1);
      lowered.set(key, limit);
      return limit;
    },
    inFlight: (key) => slots.get(key)?.running ?? 0,
    maxInFlight: (key) => slots.get(key)?.peak ?? 0,
  };
}
