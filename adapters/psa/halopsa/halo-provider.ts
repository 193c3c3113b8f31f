/**
 * HaloPSA as a PsaProviderDefinition: the credential form and `open`, which checks the values and
 * wires a session. The provider instance keeps, per Halo instance, the rate pacer (Halo's limit
 * is per instance, so every session of this process shares it) and, per API client, the tokens.
 *
 *   const session = haloProvider.open(credentials, context, { scope: 'read:customers' });
 */
import { AppError } from '../../../src/domain/errors.js';
import type { CredentialField, PsaCredentials } from '../../../src/ports/psa-gateway.js';
import type { PsaProviderContext, PsaProviderDefinition } from '../shared/provider-definition.js';
import { createPsaHttp, defaultSleep } from '../shared/psa-http.js';
import type { BackoffSettings } from '../shared/retry-policy.js';
import { classifyHaloToken } from './classify.js';
import { HaloTokenCache, HaloTokens } from './halo-auth.js';
import { parseHaloBaseUrl } from './halo-base-url.js';
import { HaloClient } from './halo-client.js';
import { HaloSession } from './halo-session.js';
import { RatePacer, type RateWindow } from './rate-pacer.js';

export interface HaloSettings {
  /**
   * OAuth scope when the credentials name none; default `all`. `read:customers` is the narrowest
   * that reads clients and users.
   */
  readonly scope?: string;
  /** Rows asked per page; Halo caps pages (100 reported) whatever this says. */
  readonly pageSize?: number;
  readonly maxPages?: number;
  /** The client's share of Halo's rolling window (default 290 of the reported 300 per 5 minutes). */
  readonly rateWindow?: RateWindow;
  /** Waits between retries when Halo gives no `Retry-After`; its window is minutes long. */
  readonly backoff?: BackoffSettings;
  /** The longest `Retry-After` waited out before failing with its time (default 2 minutes). */
  readonly maxRetryAfterMs?: number;
}

export const HALO_DEFAULTS = {
  scope: 'all',
  pageSize: 100,
  maxPages: 5_000,
  rateWindow: { limit: 290, windowMs: 300_000 },
  backoff: { baseMs: 5_000, capMs: 60_000 },
  maxRetryAfterMs: 120_000,
} as const satisfies Required<HaloSettings>;

export const HALOPSA_FIELDS: readonly CredentialField[] = [
  {
    key: 'baseUrl',
    label: 'Halo URL',
    secret: false,
    optional: false,
    hint: 'Where you open Halo, e.g. https://yourcompany.halopsa.com or your own domain',
  },
  {
    key: 'clientId',
    label: 'Client ID',
    secret: false,
    optional: false,
    hint: 'Configuration > Integrations > Halo API > View Applications',
  },
  {
    key: 'clientSecret',
    label: 'Client secret',
    secret: true,
    optional: false,
    hint: "The application's client secret, shown once when it was created",
  },
  {
    key: 'tenant',
    label: 'Tenant',
    secret: false,
    optional: true,
    hint: 'Hosted Halo only, if your API details show one; leave empty otherwise',
  },
  {
    key: 'scope',
    label: 'Scope',
    secret: false,
    optional: true,
    hint: 'Leave empty for "all"; "read:customers" is all the import needs',
  },
];

const FORM_SAFE = /^[\x20-\x7e]+$/;

function checkFormSafe(values: Readonly<Record<string, string>>): void {
  for (const field of HALOPSA_FIELDS) {
    const value = values[field.key];
    if (value !== undefined && !FORM_SAFE.test(value)) {
      throw new AppError('invalid_input', { hint: `The ${field.label} contains characters it cannot have.` });
    }
  }
}

export function createHaloProvider(): PsaProviderDefinition<HaloSettings> {
  const pacers = new Map<string, RatePacer>();
  const tokens = new HaloTokenCache();

  return {
    credentialFields: HALOPSA_FIELDS,
    open(credentials: PsaCredentials, context: PsaProviderContext, settings: HaloSettings = {}) {
      const values = credentials.reveal();
      checkFormSafe(values);
      const base = parseHaloBaseUrl(values.baseUrl ?? '');
      const now = context.now ?? Date.now;
      const window = settings.rateWindow ?? HALO_DEFAULTS.rateWindow;
      let pacer = pacers.get(base.base);
      if (
        pacer === undefined ||
        pacer.window.limit !== window.limit ||
        pacer.window.windowMs !== window.windowMs
      ) {
        pacer = new RatePacer(window, { now, sleep: context.sleep ?? defaultSleep });
        pacers.set(base.base, pacer);
      }
      const httpOptions = {
        ...context,
        backoff: settings.backoff ?? context.backoff ?? HALO_DEFAULTS.backoff,
        maxRetryAfterMs: settings.maxRetryAfterMs ?? context.maxRetryAfterMs ?? HALO_DEFAULTS.maxRetryAfterMs,
      };
      const authHttp = createPsaHttp({ ...httpOptions, classify: classifyHaloToken });
      const scope = values.scope ?? (settings.scope?.trim() || HALO_DEFAULTS.scope);
      const client = new HaloClient({
        base,
        apiHttp: createPsaHttp(httpOptions),
        authHttp,
        pacer,
        tokens: new HaloTokens(tokens, {
          http: authHttp,
          pacer,
          base,
          scope,
          now,
          credentials: {
            clientId: values.clientId ?? '',
            clientSecret: values.clientSecret ?? '',
            tenant: values.tenant ?? null,
          },
        }),
      });
      return new HaloSession(client, {
        pageSize: Math.max(1, Math.floor(settings.pageSize ?? HALO_DEFAULTS.pageSize)),
        maxPages: settings.maxPages ?? HALO_DEFAULTS.maxPages,
      });
    },
  };
}

export const haloProvider = createHaloProvider();
