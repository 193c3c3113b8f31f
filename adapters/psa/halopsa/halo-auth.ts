/**
 * OAuth2 client credentials against Halo's authorisation server.
 *
 * Where the token endpoint is: `GET <base>/api/authinfo` names the auth server (`auth_url`) and,
 * for hosted tenants, the tenant; the token endpoint is `<auth_url>/token`. When authinfo fails or
 * names nothing usable, `<base>/auth/token`. For hosted tenants `?tenant=<tenant>` is added (the
 * admin's tenant first, else authinfo's).
 *
 * Tokens are cached until shortly before `expires_in` and shared by the sessions of one client
 * (key: base, tenant, client id, scope and a hash of the secret, so a changed secret never reuses
 * a token). Concurrent callers share one token request.
 *
 *   const tokens = new HaloTokens(cache, { http, pacer, base, credentials, scope, now });
 *   const bearer = await tokens.token();   // cached
 *   tokens.invalidate(bearer);             // after a 401: the next token() asks again
 */
import { createHash } from 'node:crypto';
import { AppError, isAppError } from '../../../src/domain/errors.js';
import type { PsaHttp } from '../shared/psa-http.js';
import { checkAuthServerUrl, type HaloBaseUrl } from './halo-base-url.js';
import type { RatePacer } from './rate-pacer.js';
import { authInfoSchema, tokenSchema } from './schemas.js';

export interface HaloClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenant: string | null;
}

interface CachedToken {
  readonly accessToken: string;
  readonly renewAtMs: number;
}

/** Per provider instance: tokens by client, so sessions of one client reuse a token. */
export class HaloTokenCache {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #pending = new Map<string, Promise<CachedToken>>();

  get(key: string, nowMs: number): string | null {
    const cached = this.#tokens.get(key);
    if (cached === undefined || cached.renewAtMs <= nowMs) return null;
    return cached.accessToken;
  }

  async fetch(key: string, request: () => Promise<CachedToken>): Promise<CachedToken> {
    const running = this.#pending.get(key);
    if (running !== undefined) return running;
    const started = request()
      .then((token) => {
        this.#tokens.set(key, token);
        return token;
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, started);
    return started;
  }

  /** Drops the token only if it is still the one that failed: a newer one stays. */
  forget(key: string, accessToken: string): void {
    if (this.#tokens.get(key)?.accessToken === accessToken) this.#tokens.delete(key);
  }
}

export interface HaloTokensOptions {
  readonly http: PsaHttp;
  readonly pacer: RatePacer;
  readonly base: HaloBaseUrl;
  readonly credentials: HaloClientCredentials;
  readonly scope: string;
  readonly now: () => number;
}

/** Tokens live an hour; renew a minute early, or at 90 % of a shorter lifetime. */
export function renewAfterMs(expiresInSeconds: number | null | undefined): number {
  const lifetimeMs = (expiresInSeconds ?? 3600) * 1000;
  return Math.max(1_000, Math.min(lifetimeMs - 60_000, lifetimeMs * 0.9));
}

export class HaloTokens {
  readonly #cache: HaloTokenCache;
  readonly #options: HaloTokensOptions;
  readonly #key: string;

  constructor(cache: HaloTokenCache, options: HaloTokensOptions) {
    this.#cache = cache;
    this.#options = options;
    const { clientId, clientSecret, tenant } = options.credentials;
    const secretHash = createHash('sha256').update(clientSecret).digest('hex');
    this.#key = [options.base.base, tenant ?? '', clientId, options.scope, secretHash].join('\n');
  }

  async token(): Promise<string> {
    const cached = this.#cache.get(this.#key, this.#options.now());
    if (cached !== null) return cached;
    const fresh = await this.#cache.fetch(this.#key, () => this.#requestToken());
    return fresh.accessToken;
  }

  invalidate(accessToken: string): void {
    this.#cache.forget(this.#key, accessToken);
  }

  async #tokenUrl(): Promise<URL> {
    const { base, credentials } = this.#options;
    let authServer: URL | null = null;
    let discoveredTenant: string | null = null;
    try {
      const { data } = await this.#options.pacer.run(() =>
        this.#options.http.send(
          {
            method: 'GET',
            url: `${base.base}/api/authinfo`,
            headers: { accept: 'application/json' },
            idempotent: true,
          },
          authInfoSchema,
        ),
      );
      if (typeof data.auth_url === 'string' && data.auth_url.trim() !== '') {
        authServer = checkAuthServerUrl(data.auth_url.trim().replace(/\/+$/, ''));
      }
      if (data.tenant_id !== null && data.tenant_id !== undefined && String(data.tenant_id).trim() !== '') {
        discoveredTenant = String(data.tenant_id).trim();
      }
    } catch (error) {
      // Older and on-premises instances may not answer authinfo: the conventional path follows.
      // Rate limits and timeouts are not "no authinfo" and would only recur at the token endpoint.
      if (
        !isAppError(error) ||
        !['psa_invalid_response', 'psa_forbidden', 'psa_auth_failed'].includes(error.code)
      )
        throw error;
    }
    const url = new URL(
      authServer === null ? `${base.base}/auth/token` : `${authServer.href.replace(/\/+$/, '')}/token`,
    );
    const tenant = credentials.tenant ?? discoveredTenant;
    if (tenant !== null) url.searchParams.set('tenant', tenant);
    return url;
  }

  async #requestToken(): Promise<CachedToken> {
    const url = await this.#tokenUrl();
    const { clientId, clientSecret } = this.#options.credentials;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: this.#options.scope,
    });
    const { data } = await this.#options.pacer.run(() =>
      this.#options.http.send(
        {
          method: 'POST',
          url: url.toString(),
          headers: { accept: 'application/json' },
          body: form,
          idempotent: true,
        },
        tokenSchema,
      ),
    );
    if (
      data.token_type !== null &&
      data.token_type !== undefined &&
      data.token_type.toLowerCase() !== 'bearer'
    ) {
      throw new AppError('psa_invalid_response');
    }
    return { accessToken: data.access_token, renewAtMs: this.#options.now() + renewAfterMs(data.expires_in) };
  }
}
