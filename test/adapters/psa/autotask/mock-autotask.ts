/** An undici MockAgent dressed as Autotask's zone host and one zone, for contract tests. */
import { MockAgent, type MockPool } from 'undici';
import type { AutotaskSettings } from '../../../../adapters/psa/autotask/autotask-provider.js';
import { createAutotaskProvider } from '../../../../adapters/psa/autotask/autotask-provider.js';
import type { PsaProviderContext } from '../../../../adapters/psa/shared/provider-definition.js';
import { Secret } from '../../../../src/domain/secret.js';

export const ZONE_ORIGIN = 'https://webservices.autotask.net';
export const API_ORIGIN = 'https://webservices14.autotask.net';
export const API = '/ATServicesRest/V1.0';
export const CREDENTIALS = {
  username: 'api@msp.example',
  secret: 'S3cr3t-Value-123',
  integrationCode: 'INTEGRATION-CODE-XYZ',
};

export interface SeenRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface MockAutotask {
  readonly agent: MockAgent;
  readonly zone: MockPool;
  readonly api: MockPool;
  readonly seen: SeenRequest[];
  readonly sleeps: number[];
  readonly context: PsaProviderContext;
  provider: ReturnType<typeof createAutotaskProvider>;
  open(
    settings?: AutotaskSettings,
    credentials?: Partial<typeof CREDENTIALS>,
  ): ReturnType<ReturnType<typeof createAutotaskProvider>['open']>;
  /** Notes a request the mock answered, for assertions. */
  record(origin: string, opts: { path: string; method: string; headers?: unknown; body?: unknown }): void;
}

function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers !== null && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

export function mockAutotask(threshold = { used: 100, limit: 10_000 }): MockAutotask {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: SeenRequest[] = [];
  const sleeps: number[] = [];
  const context: PsaProviderContext = {
    dispatcher: agent,
    timeoutMs: 2_000,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
  const mock: MockAutotask = {
    agent,
    zone: agent.get(ZONE_ORIGIN),
    api: agent.get(API_ORIGIN),
    seen,
    sleeps,
    context,
    provider: createAutotaskProvider(),
    open(settings = {}, credentials = {}) {
      return mock.provider.open(new Secret({ ...CREDENTIALS, ...credentials }), context, settings);
    },
    record(origin, opts) {
      const body = typeof opts.body === 'string' && opts.body !== '' ? JSON.parse(opts.body) : null;
      seen.push({ origin, method: opts.method, path: opts.path, headers: plainHeaders(opts.headers), body });
    },
  };
  return withDefaults(mock, threshold);
}

/** Zone discovery, ThresholdInformation and the companyType picklist, answering forever. */
function withDefaults(mock: MockAutotask, threshold: { used: number; limit: number }): MockAutotask {
  mock.zone
    .intercept({ path: (p) => p.startsWith(`${API}/ZoneInformation`), method: 'GET' })
    .reply((opts) => {
      mock.record(ZONE_ORIGIN, opts);
      return { statusCode: 200, data: { zoneName: 'Zone 14', url: `${API_ORIGIN}/ATServicesRest/`, ci: 14 } };
    })
    .persist();
  mock.api
    .intercept({ path: `${API}/ThresholdInformation`, method: 'GET' })
    .reply((opts) => {
      mock.record(API_ORIGIN, opts);
      return {
        statusCode: 200,
        data: {
          externalRequestThreshold: threshold.limit,
          requestThresholdTimeframe: 60,
          currentTimeframeRequestCount: threshold.used,
        },
      };
    })
    .persist();
  mock.api
    .intercept({ path: `${API}/Companies/entityInformation/fields`, method: 'GET' })
    .reply((opts) => {
      mock.record(API_ORIGIN, opts);
      const picklistValues = [
        { value: '1', label: 'Client', isActive: true, sortOrder: 1 },
        { value: '2', label: 'Lead', isActive: true, sortOrder: 2 },
        { value: '9', label: 'Retired', isActive: false, sortOrder: 3 },
      ];
      return {
        statusCode: 200,
        data: { fields: [{ name: 'companyType', isPickList: true, picklistValues }] },
      };
    })
    .persist();
  return mock;
}

/** The value of the `id gt` condition of a query body (the paging cursor). */
export function cursorOf(body: unknown): number {
  const filter = (body as { filter: { op: string; field: string; value: number }[] }).filter;
  const gt = filter.find((f) => f.op === 'gt' && f.field === 'id');
  if (gt === undefined) throw new Error('query without an id cursor');
  return gt.value;
}

/** The value of the `id lte` condition of a query body (a range's bound), or Infinity. */
export function upperBoundOf(body: unknown): number {
  const filter = (body as { filter: { op: string; field: string; value: number }[] }).filter;
  return filter.find((f) => f.op === 'lte' && f.field === 'id')?.value ?? Number.POSITIVE_INFINITY;
}
