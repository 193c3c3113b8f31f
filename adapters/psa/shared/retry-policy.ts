/**
 * Backoff arithmetic for the PSA HTTP client, kept pure so it can be tested without a server.
 *
 *   fullJitterDelayMs(attempt, { baseMs, capMs }, random)  -> random() * min(cap, base * 2^(attempt-1))
 *   parseRetryAfterMs(headerValue, nowMs)                  -> milliseconds, or null when absent/invalid
 */

export interface BackoffSettings {
  /** Ceiling of the first retry's wait. */
  readonly baseMs: number;
  /** No single wait is drawn from a range above this. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 250, capMs: 8_000 };

/**
 * "Full jitter": a uniformly random wait up to the exponential ceiling. Many clients retrying at
 * once (parallel batches, several replicas) spread out instead of hitting the PSA in lock-step.
 * `attempt` is the 1-based number of the attempt that just failed.
 */
export function fullJitterDelayMs(attempt: number, backoff: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
