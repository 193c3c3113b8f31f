/**
 * Halo's request limit as reported by its own 429 text: "300 Requests per rolling 5 minute
 * window". Every request takes a place in the window when it arrives; past the limit the answer
 * is 429 with the seconds until the oldest request leaves the window.
 */
export interface RollingWindowOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly now: () => number;
}

export type WindowVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export class RollingWindow {
  readonly #options: RollingWindowOptions;
  readonly #arrivals: number[] = [];
  #rejected = 0;

  constructor(options: RollingWindowOptions) {
    this.#options = options;
  }

  hit(): WindowVerdict {
    const now = this.#options.now();
    while (this.#arrivals.length > 0 && (this.#arrivals[0] ?? 0) <= now - this.#options.windowMs) {
      this.#arrivals.shift();
    }
    if (this.#arrivals.length >= this.#options.limit) {
      this.#rejected += 1;
      const oldest = this.#arrivals[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#options.windowMs - now) / 1000)),
      };
    }
    this.#arrivals.push(now);
    return { allowed: true };
  }

  /** Requests in the current window. */
  used(): number {
    const now = this.#options.now();
    return this.#arrivals.filter((at) => at > now - this.#options.windowMs).length;
  }

  rejected(): number {
    return this.#rejected;
  }

  reset(): void {
    this.#arrivals.length = 0;
    this.#rejected = 0;
  }
}
