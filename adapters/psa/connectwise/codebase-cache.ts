/**
 * The codebases detected from `/login/companyinfo`, kept per site and company for a while, so
 * every session after the first skips that round trip, the one request nothing else can start
 * before (the API's URL depends on it).
 *
 *   const cache = createCodebaseCache({ now: Date.now });
 *   cache.get('https://na.myconnectwise.net|acme');        // null: detect, then
 *   cache.set('https://na.myconnectwise.net|acme', 'v2026_1/');
 *
 * Why this is safe: a site's codebase changes only when ConnectWise upgrades it. A stale one then
 * answers 404 or a redirect; connectwise-api.ts forgets the entry, detects again and retries the
 * request once. The time to live bounds how long an entry lives even when nothing fails, and the
 * entry count bounds the memory one bot with many tenants spends on it. Nothing secret is kept:
 * companyinfo is a public endpoint, and the key is the site and the login company.
 */

export interface CodebaseCache {
  /** The codebase kept for `key` and still fresh, else null. */
  get(key: string): string | null;
  set(key: string, codebase: string): void;
  /** Drops `key`'s entry if it still holds `codebase` (another session may have refreshed it). */
  forget(key: string, codebase: string): void;
}

export interface CodebaseCacheOptions {
  readonly now: () => number;
  /** How long a detected codebase is used without asking again; default 12 hours. */
  readonly ttlMs?: number;
  /** Entries kept at most, the oldest dropped first; default 1,000. */
  readonly maxEntries?: number;
}

export const CODEBASE_TTL_MS = 12 * 60 * 60 * 1000;

export function createCodebaseCache(options: CodebaseCacheOptions): CodebaseCache {
  const ttlMs = options.ttlMs ?? CODEBASE_TTL_MS;
  const maxEntries = Math.max(1, options.maxEntries ?? 1_000);
  const entries = new Map<string, { readonly codebase: string; readonly until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return null;
      if (options.now() >= entry.until) {
        entries.delete(key);
        return null;
      }
      return entry.codebase;
    },
    set(key, codebase) {
      // Re-inserted at the end: Map order is then the order of last detection.
      entries.delete(key);
      entries.set(key, { codebase, until: options.now() + ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    forget(key, codebase) {
      if (entries.get(key)?.codebase === codebase) entries.delete(key);
    },
  };
}

/** The cache key of a connection: the login site and company (companyinfo's own inputs). */
export function codebaseKey(siteOrigin: string, companyId: string): string {
  return `${siteOrigin}|${companyId.toLowerCase()}`;
}
