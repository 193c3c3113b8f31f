/**
 * Datto Autotask as a PsaProviderDefinition: the credential form and `open`, which checks the
 * values and wires a session. The provider instance keeps, per API user, the zone cache and the
 * per-endpoint limiter, so several sessions of one user still keep to Autotask's thread limit.
 *
 *   const definition = createAutotaskProvider();
 *   const session = definition.open(credentials, context, { zoneBaseUrl: sandbox.zoneBaseUrl });
 */
import { AppError } from '../../../src/domain/errors.js';
import type { CredentialField, PsaCredentials } from '../../../src/ports/psa-gateway.js';
import { parseSiteUrl } from '../shared/base-url.js';
import { createKeyedLimiter, type KeyedLimiter } from '../shared/keyed-limiter.js';
import type { PsaProviderContext, PsaProviderDefinition } from '../shared/provider-definition.js';
import { AutotaskClient } from './autotask-client.js';
import { AutotaskSession } from './autotask-session.js';
import { type BudgetPolicy, DEFAULT_BUDGET_POLICY } from './budget-guard.js';
import { MAX_IN_VALUES } from './query-filter.js';
import { accountKey, DEFAULT_ZONE_BASE_URL, DEFAULT_ZONE_TTL_MS, ZoneCache } from './zone.js';

export interface AutotaskSettings {
  /** Where zone discovery lives; default https://webservices.autotask.net (tests: the sandbox). */
  readonly zoneBaseUrl?: string;
  readonly zoneTtlMs?: number;
  /** Concurrent requests per endpoint; Autotask answers 429 above 3. */
  readonly threadLimit?: number;
  /** Companies per contacts query. */
  readonly contactBatchSize?: number;
  /** Contact batches fetched at once. */
  readonly batchConcurrency?: number;
  readonly budget?: Partial<BudgetPolicy>;
}

export const AUTOTASK_DEFAULTS = {
  threadLimit: 3,
  contactBatchSize: 200,
  batchConcurrency: 3,
} as const;

export const AUTOTASK_FIELDS: readonly CredentialField[] = [
  {
    key: 'username',
    label: 'API username',
    secret: false,
    optional: false,
    hint: "The API user's username (an email address), from Admin > Resources (Users)",
  },
  { key: 'secret', label: 'Secret', secret: true, optional: false, hint: "The API user's secret" },
  {
    key: 'integrationCode',
    label: 'Integration code',
    secret: true,
    optional: false,
    hint: "The API tracking identifier on the API user's security tab",
  },
];

/** Header values: printable ASCII only (a line break would split the request). */
const HEADER_SAFE = /^[\x20-\x7e]+$/;

function checkHeaderSafe(credentials: PsaCredentials): void {
  const values = credentials.reveal();
  for (const field of AUTOTASK_FIELDS) {
    if (!HEADER_SAFE.test(values[field.key] ?? '')) {
      throw new AppError('invalid_input', { hint: `The ${field.label} contains characters it cannot have.` });
    }
  }
}

function clamp(value: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(value)));
}

export function createAutotaskProvider(): PsaProviderDefinition<AutotaskSettings> {
  const zones = new ZoneCache();
  // One per API user seen by this process; a handful at most.
  const limiters = new Map<string, KeyedLimiter>();

  return {
    credentialFields: AUTOTASK_FIELDS,
    open(credentials: PsaCredentials, context: PsaProviderContext, settings: AutotaskSettings = {}) {
      checkHeaderSafe(credentials);
      const zoneOrigin = parseSiteUrl(settings.zoneBaseUrl ?? DEFAULT_ZONE_BASE_URL).origin;
      const key = accountKey(zoneOrigin, credentials.reveal().username ?? '');
      const threadLimit = settings.threadLimit ?? AUTOTASK_DEFAULTS.threadLimit;
      let limiter = limiters.get(key);
      if (limiter === undefined || limiter.limitFor('Companies') !== threadLimit) {
        limiter = createKeyedLimiter({ defaultLimit: threadLimit });
        limiters.set(key, limiter);
      }
      const client = new AutotaskClient({
        context,
        credentials,
        zoneOrigin,
        accountKey: key,
        zones,
        zoneFreshness: { ttlMs: settings.zoneTtlMs ?? DEFAULT_ZONE_TTL_MS, now: context.now ?? Date.now },
        limiter,
        budget: { ...DEFAULT_BUDGET_POLICY, ...settings.budget },
      });
      return new AutotaskSession(client, {
        contactBatchSize: clamp(
          settings.contactBatchSize ?? AUTOTASK_DEFAULTS.contactBatchSize,
          MAX_IN_VALUES,
        ),
        batchConcurrency: clamp(settings.batchConcurrency ?? AUTOTASK_DEFAULTS.batchConcurrency, 50),
        ...(context.logger === undefined ? {} : { logger: context.logger }),
      });
    },
  };
}

export const autotaskProvider = createAutotaskProvider();
