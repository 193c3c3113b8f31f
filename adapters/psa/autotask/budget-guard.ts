/**
 * Keeps an import inside Autotask's hourly request budget (10,000 by default), which the MSP's
 * other tools share. It reads `ThresholdInformation` sparingly (first use, then every `readEvery`
 * of our requests), estimates use in between by counting our own requests, adds delay once half
 * the budget is used, and stops with psa_budget_exhausted before the reserve is touched.
 */
import { AppError } from '../../../src/domain/errors.js';
import type { ThresholdInformation } from './schemas.js';

export interface BudgetPolicy {
  /** Our requests between two reads of ThresholdInformation. */
  readonly readEvery: number;
  /** Share of the budget never used by an import, left for the MSP's other tools. */
  readonly reserveFraction: number;
  /** Share of the budget from which every request waits a little. */
  readonly slowdownFrom: number;
  /** The wait just before the stop line; it grows linearly from 0 at `slowdownFrom`. */
  readonly maxDelayMs: number;
}

export const DEFAULT_BUDGET_POLICY: BudgetPolicy = {
  readEvery: 100,
  reserveFraction: 0.1,
  slowdownFrom: 0.5,
  maxDelayMs: 2_000,
};

export interface BudgetGuardDeps {
  readonly read: () => Promise<ThresholdInformation>;
  /** Requests this session has sent so far (all of them count against the budget). */
  readonly sent: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const MIN_RETRY_AFTER_SECONDS = 60;
/** Our requests since the last read after which the estimate is worth confirming before stopping. */
const CONFIRM_AFTER_REQUESTS = 10;

export class BudgetGuard {
  readonly #policy: BudgetPolicy;
  readonly #deps: BudgetGuardDeps;
  #known: { readonly info: ThresholdInformation; readonly sentAtRead: number } | null = null;
  #reading: Promise<void> | null = null;

  constructor(policy: BudgetPolicy, deps: BudgetGuardDeps) {
    this.#policy = policy;
    this.#deps = deps;
  }

  /** Reads the threshold now (concurrent callers share one read). */
  async refresh(): Promise<void> {
    this.#reading ??= this.#deps
      .read()
      .then((info) => {
        this.#known = { info, sentAtRead: this.#deps.sent() };
      })
      .finally(() => {
        this.#reading = null;
      });
    await this.#reading;
  }

  /** Waits as the budget fills; throws psa_budget_exhausted instead of eating into the reserve. */
  async beforeRequest(): Promise<void> {
    const known = this.#known;
    if (known === null || this.#deps.sent() - known.sentAtRead >= this.#policy.readEvery)
      await this.refresh();
    let used = this.#estimate();
    if (used + 1 > this.#stopLine()) {
      // Our estimate only grows; Autotask's window rolls. Confirm before stopping the import.
      if (this.#deps.sent() - (this.#known?.sentAtRead ?? 0) >= CONFIRM_AFTER_REQUESTS) await this.refresh();
      used = this.#estimate();
      if (used + 1 > this.#stopLine()) {
        throw new AppError('psa_budget_exhausted', { retryAfterSeconds: this.#retryAfterSeconds(used) });
      }
    }
    const delay = this.#delayMs(used);
    if (delay > 0) await this.#deps.sleep(delay);
  }

  /** Estimated use of the budget so far, or null before the first read. */
  estimate(): { readonly used: number; readonly limit: number } | null {
    return this.#known === null ? null : { used: this.#estimate(), limit: this.#limit() };
  }

  #limit(): number {
    return this.#known?.info.externalRequestThreshold ?? Number.POSITIVE_INFINITY;
  }

  #estimate(): number {
    const known = this.#known;
    if (known === null) return 0;
    return known.info.currentTimeframeRequestCount + Math.max(0, this.#deps.sent() - known.sentAtRead);
  }

  #stopLine(): number {
    return this.#limit() * (1 - this.#policy.reserveFraction);
  }

  #delayMs(used: number): number {
    const start = this.#limit() * this.#policy.slowdownFrom;
    const span = this.#stopLine() - start;
    if (used <= start || span <= 0) return 0;
    return Math.round(this.#policy.maxDelayMs * Math.min(1, (used - start) / span));
  }

  /**
   * Autotask's window rolls: assuming its requests are spread evenly, the time until use falls back
   * to the slowdown line, and never less than a minute.
   */
  #retryAfterSeconds(used: number): number {
    const windowSeconds = (this.#known?.info.requestThresholdTimeframe ?? 60) * 60;
    const target = this.#limit() * this.#policy.slowdownFrom;
    const seconds = Math.ceil((windowSeconds * (used - target)) / Math.max(used, 1));
    return Math.max(MIN_RETRY_AFTER_SECONDS, seconds);
  }
}
