/**
 * Authenticated reads from one Halo instance's resource server (`<base>/api/...`): a bearer token
 * from HaloTokens, every request paced by the instance's RatePacer, and one re-authentication
 * when the API answers 401 (a token revoked or expired early), then the authentication error.
 *
 *   const page = await client.get('Client', { pageinate: 'true', page_no: '1' }, schema);
 */
import type { z } from 'zod';
import { isAppError } from '../../../src/domain/errors.js';
import type { PsaHttp } from '../shared/psa-http.js';
import type { HaloTokens } from './halo-auth.js';
import type { HaloBaseUrl } from './halo-base-url.js';
import type { RatePacer } from './rate-pacer.js';

export type QueryParams = Readonly<Record<string, string>>;

export interface HaloClientOptions {
  readonly base: HaloBaseUrl;
  /** The resource server (its own HTTP client: the token endpoint classifies failures differently). */
  readonly apiHttp: PsaHttp;
  /** Authinfo and token requests. */
  readonly authHttp: PsaHttp;
  readonly tokens: HaloTokens;
  readonly pacer: RatePacer;
}

export class HaloClient {
  readonly #options: HaloClientOptions;

  constructor(options: HaloClientOptions) {
    this.#options = options;
  }

  requestCount(): number {
    return this.#options.apiHttp.requestCount() + this.#options.authHttp.requestCount();
  }

  /** Proves the credentials: a token is only issued for a valid client id and secret. */
  async authenticate(): Promise<void> {
    await this.#options.tokens.token();
  }

  async get<T>(resource: string, params: QueryParams, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(`${this.#options.base.base}/api/${resource}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const token = await this.#options.tokens.token();
    try {
      return await this.#send(url, token, schema);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'psa_auth_failed') throw error;
      this.#options.tokens.invalidate(token);
      const renewed = await this.#options.tokens.token();
      return this.#send(url, renewed, schema);
    }
  }

  async #send<T>(url: URL, token: string, schema: z.ZodType<T>): Promise<T> {
    const response = await this.#options.pacer.run(() =>
      this.#options.apiHttp.send(
        {
          method: 'GET',
          url: url.toString(),
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          idempotent: true,
        },
        schema,
      ),
    );
    return response.data;
  }
}
