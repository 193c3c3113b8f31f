/**
 * A token bucket per API token, in memory: each replica limits on its own, which bounds a token
 * to (replicas × limit) per minute; enough to keep one script from starving the bot.
 */
export interface RateLimiter {
  /** Null when the request may go ahead, else the seconds to wait. */
  take(key: string, nowMs: number): number | null;
}

export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60_000;
  return {
    take(key, nowMs) {
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: nowMs };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.at) * ratePerMs);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    },
  };
}
