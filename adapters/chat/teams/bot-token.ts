import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import type { Secret } from '../../../src/domain/secret.js';
import type { Clock } from '../../../src/ports/clock.js';

/** Supplies the bearer token the Bot Connector wants on every outbound call. */
export interface BotTokenSource {
  token(): Promise<string>;
}

export interface ClientCredentialsOptions {
  /** e.g. `https://login.microsoftonline.com`; tests point it at the fake. */
  readonly authority: string;
  readonly tenantId: string;
  readonly appId: string;
  readonly appPassword: Secret<string>;
  /** e.g. `https://api.botframework.com/.default`. */
  readonly scope: string;
  readonly clock: Clock;
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

/** Renew this long before expiry so a token never dies in flight. */
const EARLY_RENEWAL_MS = 5 * 60_000;

/**
 * OAuth 2.0 client credentials against Entra (single-tenant bot): one request at a time, cached
 * until shortly before it expires. Failures name the status only; never the secret.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): BotTokenSource {
  const endpoint = `${options.authority.replace(/\/+$/, '')}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
  let cached: { token: string; renewAt: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.appId,
      client_secret: options.appPassword.reveal(),
      scope: options.scope,
    }).toString();
    const timeout = options.timeoutMs ?? 10_000;
    const response = await request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200)
      throw new Error(`bot token request failed with status ${response.statusCode}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('bot token response is not JSON');
    }
    const parsed = tokenResponse.safeParse(json);
    if (!parsed.success) throw new Error('bot token response has an unexpected shape');
    const lifetimeMs = parsed.data.expires_in * 1000;
    cached = {
      token: parsed.data.access_token,
      renewAt: options.clock.now().getTime() + Math.max(lifetimeMs - EARLY_RENEWAL_MS, lifetimeMs / 2),
    };
    return parsed.data.access_token;
  }

  return {
    async token() {
      if (cached !== null && options.clock.now().getTime() < cached.renewAt) return cached.token;
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
