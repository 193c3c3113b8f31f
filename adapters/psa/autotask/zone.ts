/**
 * Zone discovery: Autotask databases live in zones with their own API hosts, found by asking
 * `GET {zoneBase}/ATServicesRest/V1.0/ZoneInformation?user=...`. The answer is cached per API user
 * (keyed by a hash of zone base and username, never the secret) because every session needs it and
 * it rarely changes.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../src/domain/errors.js';
import { isLoopbackHost } from '../shared/base-url.js';
import type { PsaHttp } from '../shared/psa-http.js';
import { zoneInformationSchema } from './schemas.js';

export const DEFAULT_ZONE_BASE_URL = 'https://webservices.autotask.net';
export const DEFAULT_ZONE_TTL_MS = 3_600_000;

/** Where a user's REST API lives: every later URL is built from it. */
export interface Zone {
  /** `https://webservicesN.autotask.net/ATServicesRest/V1.0/` */
  readonly apiBase: URL;
}

export function accountKey(zoneOrigin: string, username: string): string {
  return createHash('sha256').update(`${zoneOrigin}\n${username.toLowerCase()}`).digest('hex');
}

/**
 * The zone's `url` decides where our credentials go next, so it must be a plain https address
 * (http only for a PSA on this machine) without user info.
 */
export function apiBaseFromZoneUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('psa_invalid_response');
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(hostname));
  if (!secure || parsed.username !== '' || parsed.password !== '') throw new AppError('psa_invalid_response');
  const path = parsed.pathname === '/' ? '/ATServicesRest/' : parsed.pathname.replace(/\/?$/, '/');
  return new URL(`${path}V1.0/`, parsed.origin);
}

export async function discoverZone(http: PsaHttp, zoneOrigin: string, username: string): Promise<Zone> {
  const url = new URL('/ATServicesRest/V1.0/ZoneInformation', zoneOrigin);
  url.searchParams.set('user', username);
  // Only the user name goes to zone discovery: it needs no secret, so it gets none.
  const { data } = await http.send(
    { method: 'GET', url: url.toString(), headers: { accept: 'application/json' }, idempotent: true },
    zoneInformationSchema,
  );
  // No zone for the user is Autotask's way of saying it does not know them.
  if (data.url === null || data.url === undefined || data.url.trim() === '')
    throw new AppError('psa_auth_failed');
  return { apiBase: apiBaseFromZoneUrl(data.url.trim()) };
}

export interface ZoneFreshness {
  readonly ttlMs: number;
  readonly now: () => number;
}

export class ZoneCache {
  readonly #entries = new Map<string, { readonly zone: Zone; readonly expiresAt: number }>();
  readonly #pending = new Map<string, Promise<Zone>>();

  /** The cached zone, or the result of `discover` (shared by concurrent callers; failures not cached). */
  async get(key: string, freshness: ZoneFreshness, discover: () => Promise<Zone>): Promise<Zone> {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > freshness.now()) return entry.zone;
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending;
    const discovery = discover()
      .then((zone) => {
        this.#entries.set(key, { zone, expiresAt: freshness.now() + freshness.ttlMs });
        return zone;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, discovery);
    return discovery;
  }

  /** After an auth failure the user may have moved or been removed: ask again next time. */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}
