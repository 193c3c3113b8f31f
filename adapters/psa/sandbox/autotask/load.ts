/**
 * The two limits Autotask enforces: at most N requests in flight per object endpoint (more get a
 * 429 "thread threshold"), and a request budget per hour for the whole database, with latency
 * added once half of it is used. Counts are kept so tests can assert what the server saw.
 */

export interface EndpointStats {
  readonly requests: number;
  /** Highest number in flight at once, counting arrivals that were turned away. */
  readonly maxConcurrent: number;
  /** Requests answered 429 for exceeding the thread limit. */
  readonly throttled: number;
}

export class ThreadLimit {
  readonly #limit: number;
  readonly #inFlight = new Map<string, number>();
  readonly #stats = new Map<string, EndpointStats>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Counts an arrival; false when it exceeds the limit (the caller answers 429 and never leaves). */
  enter(endpoint: string): boolean {
    const now = (this.#inFlight.get(endpoint) ?? 0) + 1;
    const before = this.#stats.get(endpoint) ?? { requests: 0, maxConcurrent: 0, throttled: 0 };
    const over = now > this.#limit;
    this.#stats.set(endpoint, {
      requests: before.requests + 1,
      maxConcurrent: Math.max(before.maxConcurrent, now),
      throttled: before.throttled + (over ? 1 : 0),
    });
    if (!over) this.#inFlight.set(endpoint, now);
    return !over;
  }

  leave(endpoint: string): void {
    this.#inFlight.set(endpoint, Math.max(0, (this.#inFlight.get(endpoint) ?? 0) - 1));
  }

  stats(): Record<string, EndpointStats> {
    return Object.fromEntries(this.#stats);
  }

  reset(): void {
    this.#stats.clear();
  }
}

export interface BudgetSettings {
  readonly limit: number;
  /** Added to every request once half the budget is used (twice that past three quarters). */
  readonly slowdownMs: number;
  readonly now: () => number;
}

const HOUR_MS = 3_600_000;

export type BudgetVerdict =
  | { readonly ok: true; readonly delayMs: number }
  | { readonly ok: false; readonly retryAfterSeconds: number };

/** A fixed one-hour window from its first request; simpler than Autotask's and as strict. */
export class HourlyBudget {
  readonly #settings: BudgetSettings;
  #windowStart: number | null = null;
  #used = 0;

  constructor(settings: BudgetSettings) {
    this.#settings = settings;
  }

  get limit(): number {
    return this.#settings.limit;
  }

  used(): number {
    this.#roll();
    return this.#used;
  }

  /** Other tools of the MSP share the budget; tests set what they have used. */
  setUsed(used: number): void {
    this.#roll();
    this.#windowStart ??= this.#settings.now();
    this.#used = used;
  }

  take(): BudgetVerdict {
    this.#roll();
    const now = this.#settings.now();
    this.#windowStart ??= now;
    if (this.#used >= this.#settings.limit) {
      return { ok: false, retryAfterSeconds: Math.ceil((this.#windowStart + HOUR_MS - now) / 1000) };
    }
    this.#used += 1;
    const share = this.#used / this.#settings.limit;
    const steps = share > 0.75 ? 2 : share > 0.5 ? 1 : 0;
    return { ok: true, delayMs: steps * this.#settings.slowdownMs };
  }

  #roll(): void {
    if (this.#windowStart !== null && this.#settings.now() - this.#windowStart >= HOUR_MS) {
      this.#windowStart = null;
      this.#used = 0;
    }
  }
}
