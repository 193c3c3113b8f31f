/**
 * A loopback Autotask REST API for tests, the bench and the terminal chat's sandbox. It behaves
 * like the real one where an importer can trip: zone discovery, the three auth headers and their
 * misleading failure forms, query filters and paging, the per-endpoint thread limit and the
 * hourly request budget.
 *
 *   const at = await startSandboxAutotask({ companies: 5000, contactsPerCompany: 10, latencyMs: 50 });
 *   // provider config: zoneBaseUrl = at.zoneBaseUrl, credentials = at.credentials
 *   at.injectFault({ path: 'Companies/query', status: 500, body: 'html' });
 *   at.stats().endpoints.Companies?.maxConcurrent;
 *   await at.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrng } from '../connectwise/prng.js';
import {
  type AutotaskDataSet,
  type AutotaskDataSetOptions,
  buildAutotaskDataSet,
  type SandboxAutotaskCases,
} from './data-set.js';
import { FaultQueue, renderFaultBody, type SandboxFault } from './faults.js';
import { type EndpointStats, HourlyBudget, ThreadLimit } from './load.js';
import { type Answer, QueryService } from './query-service.js';
import { SandboxRouter } from './router.js';

export interface SandboxAutotaskOptions extends AutotaskDataSetOptions {
  /** Added to every answer (default 0). */
  readonly latencyMs?: number;
  /** Requests an hour for the whole database (default 10,000). */
  readonly hourlyBudget?: number;
  /** Latency added past half the budget, doubled past three quarters (default 500). */
  readonly budgetSlowdownMs?: number;
  /** Concurrent requests allowed per endpoint (default 3). */
  readonly threadLimit?: number;
  /** Scramble the order of each page's items (default false: id order). */
  readonly unorderedPages?: boolean;
  /** Clock for the hourly window (default Date.now). */
  readonly now?: () => number;
}

/** A type alias (not an interface) so it passes where a credential record is expected. */
export type SandboxAutotaskCredentials = {
  readonly username: string;
  readonly secret: string;
  readonly integrationCode: string;
};

export const SANDBOX_AUTOTASK_CREDENTIALS: SandboxAutotaskCredentials = {
  username: 'api-user@sandbox-msp.example',
  secret: 'sandbox-autotask-secret',
  integrationCode: 'SANDBOXINTEGRATIONCODE0001',
};

export interface SandboxAutotaskStats {
  /** Every HTTP request received, zone discovery included. */
  readonly requests: number;
  /** Per object endpoint ('Companies', 'Contacts', 'ThresholdInformation'). */
  readonly endpoints: Readonly<Record<string, EndpointStats>>;
  /** Requests counted against the hourly budget in the current window. */
  readonly budgetUsed: number;
}

export interface SandboxAutotask {
  /** Where zone discovery lives: `${zoneBaseUrl}/ATServicesRest/V1.0/ZoneInformation`. */
  readonly zoneBaseUrl: string;
  readonly credentials: SandboxAutotaskCredentials;
  readonly data: AutotaskDataSet;
  /** Where the hard cases landed (same as `data.cases`). */
  readonly cases: SandboxAutotaskCases;
  stats(): SandboxAutotaskStats;
  resetStats(): void;
  injectFault(fault: SandboxFault): void;
  clearFaults(): void;
  /** What the MSP's other tools have used of this hour's budget. */
  setBudgetUsed(used: number): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, answer: Answer): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
    ...answer.headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSandboxAutotask(options: SandboxAutotaskOptions = {}): Promise<SandboxAutotask> {
  const data = buildAutotaskDataSet(options);
  const now = options.now ?? Date.now;
  const threads = new ThreadLimit(options.threadLimit ?? 3);
  const budget = new HourlyBudget({
    limit: options.hourlyBudget ?? 10_000,
    slowdownMs: options.budgetSlowdownMs ?? 500,
    now,
  });
  const faults = new FaultQueue();
  let origin = '';
  let requests = 0;
  const queries = new QueryService(() => origin, options.unorderedPages ? createPrng(7) : null);
  const router = new SandboxRouter({
    data,
    queries,
    budget,
    credentials: SANDBOX_AUTOTASK_CREDENTIALS,
    origin: () => origin,
  });
  const latencyMs = options.latencyMs ?? 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    const endpoint = router.endpointOf(url.pathname);
    if (endpoint !== null && !threads.enter(endpoint)) {
      send(res, {
        status: 429,
        body: {
          errors: [`Thread threshold exceeded: at most ${options.threadLimit ?? 3} concurrent requests.`],
        },
      });
      return;
    }
    try {
      const body = await readBody(req);
      const fault = faults.take(method, url.pathname);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status !== undefined) {
        const rendered = renderFaultBody(fault.body);
        res.writeHead(fault.status, { 'content-type': rendered.contentType, ...fault.headers });
        res.end(rendered.text);
        return;
      }
      const answer = router.route(method, url, req.headers, body);
      const delay = latencyMs + answer.extraDelayMs;
      if (delay > 0) await sleep(delay);
      send(res, answer);
    } finally {
      if (endpoint !== null) threads.leave(endpoint);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { errors: ['Sandbox failure'] } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    zoneBaseUrl: origin,
    credentials: SANDBOX_AUTOTASK_CREDENTIALS,
    data,
    cases: data.cases,
    stats: () => ({ requests, endpoints: threads.stats(), budgetUsed: budget.used() }),
    resetStats: () => {
      requests = 0;
      threads.reset();
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setBudgetUsed: (used) => budget.setUsed(used),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
