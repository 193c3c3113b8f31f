/**
 * Authenticated requests to one Autotask API user's zone: the three auth headers, the budget guard
 * before every request, the per-endpoint thread limit (via the shared keyed limiter) and
 * Autotask's failure forms. Every request counts towards `requestCount()`, zone discovery and
 * threshold reads included.
 */
import type { z } from 'zod';
import { isAppError } from '../../../src/domain/errors.js';
import type { PsaCredentials } from '../../../src/ports/psa-gateway.js';
import type { KeyedLimiter } from '../shared/keyed-limiter.js';
import type { PsaProviderContext } from '../shared/provider-definition.js';
import { createPsaHttp, defaultSleep, type PsaHttp } from '../shared/psa-http.js';
import { BudgetGuard, type BudgetPolicy } from './budget-guard.js';
import { classifyAutotask, classifyZoneDiscovery } from './classify.js';
import { thresholdInformationSchema } from './schemas.js';
import { discoverZone, type Zone, type ZoneCache, type ZoneFreshness } from './zone.js';

/** Thread-limit keys: Autotask counts concurrent requests per object endpoint. */
export type EndpointKey = 'Companies' | 'Contacts' | 'ThresholdInformation';

export interface AutotaskClientOptions {
  readonly context: PsaProviderContext;
  readonly credentials: PsaCredentials;
  readonly zoneOrigin: string;
  readonly accountKey: string;
  readonly zones: ZoneCache;
  readonly zoneFreshness: ZoneFreshness;
  /** Shared by every session of the same API user, so together they stay within the limit. */
  readonly limiter: KeyedLimiter;
  readonly budget: BudgetPolicy;
}

export class AutotaskClient {
  readonly #options: AutotaskClientOptions;
  readonly #zoneHttp: PsaHttp;
  readonly #apiHttp: PsaHttp;
  readonly #guard: BudgetGuard;

  constructor(options: AutotaskClientOptions) {
    this.#options = options;
    // Two clients because zone discovery reads "not found" as bad credentials, the API does not.
    this.#zoneHttp = createPsaHttp({ ...options.context, classify: classifyZoneDiscovery });
    this.#apiHttp = createPsaHttp({
      ...options.context,
      classify: classifyAutotask,
      limiter: options.limiter,
    });
    this.#guard = new BudgetGuard(options.budget, {
      read: () =>
        this.#send(
          'GET',
          'ThresholdInformation',
          'ThresholdInformation',
          undefined,
          thresholdInformationSchema,
        ),
      sent: () => this.requestCount(),
      sleep: options.context.sleep ?? defaultSleep,
    });
  }

  requestCount(): number {
    return this.#zoneHttp.requestCount() + this.#apiHttp.requestCount();
  }

  /** Zone discovery plus one authenticated read: proves all three credentials. */
  async checkBudget(): Promise<void> {
    await this.#guard.refresh();
  }

  budgetEstimate(): { readonly used: number; readonly limit: number } | null {
    return this.#guard.estimate();
  }

  async get<T>(path: string, endpoint: EndpointKey, schema: z.ZodType<T>): Promise<T> {
    await this.#guard.beforeRequest();
    return this.#send('GET', path, endpoint, undefined, schema);
  }

  /** For `/query` and `/query/count`: reads sent as POST, so safe to retry. */
  async query<T>(path: string, endpoint: EndpointKey, body: unknown, schema: z.ZodType<T>): Promise<T> {
    await this.#guard.beforeRequest();
    return this.#send('POST', path, endpoint, body, schema);
  }

  async #zone(): Promise<Zone> {
    const { zones, accountKey, zoneOrigin, credentials, zoneFreshness } = this.#options;
    const username = credentials.reveal().username ?? '';
    return zones.get(accountKey, zoneFreshness, () => discoverZone(this.#zoneHttp, zoneOrigin, username));
  }

  async #send<T>(
    method: 'GET' | 'POST',
    path: string,
    endpoint: EndpointKey,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const zone = await this.#zone();
    const { username = '', secret = '', integrationCode = '' } = this.#options.credentials.reveal();
    try {
      const response = await this.#apiHttp.send(
        {
          method,
          url: new URL(path, zone.apiBase).toString(),
          headers: {
            ApiIntegrationCode: integrationCode,
            UserName: username,
            Secret: secret,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          ...(body === undefined ? {} : { body }),
          idempotent: true,
          endpointKey: endpoint,
        },
        schema,
      );
      return response.data;
    } catch (error) {
      if (isAppError(error) && error.code === 'psa_auth_failed')
        this.#options.zones.forget(this.#options.accountKey);
      throw error;
    }
  }
}
