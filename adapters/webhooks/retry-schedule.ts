/**
 * The Standard Webhooks schedule: after the immediate first attempt, retries 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h and 10 h after the previous failure; then the delivery is given up.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** ±20 %, so many endpoints failing at once do not all come back in the same second. */
const JITTER = 0.2;

/**
 * When to try again after `attempts` failed attempts, or null to give up. `random` is in [0, 1);
 * a 429's Retry-After pushes the retry later, never earlier.
 */
export function nextAttemptDelay(
  attempts: number,
  random: number,
  retryAfterSeconds: number | null,
): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}
