/**
 * A loopback HaloPSA for tests, the bench and the terminal chat's sandbox. It behaves like the real
 * one where an importer can trip: auth server discovery through `/api/authinfo`, OAuth2 client
 * credentials with expiring tokens, paging with a server-side row cap, 429 past a rolling window
 * (with `Retry-After`), scripted faults and latency.
 *
 *   const halo = await startSandboxHalo({ clients: 5_000, usersPerClient: 10, latencyMs: 50 });
 *   // credentials: { baseUrl: halo.baseUrl, ...halo.credentials }
 *   halo.injectFault({ path: '/api/Users', status: 500, body: 'html' });
 *   halo.stats().rateLimited;
 *   await halo.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultQueue, renderFaultBody, type SandboxFault } from '../autotask/faults.js';
import {
  buildHaloDataSet,
  type HaloDataSet,
  type HaloDataSetOptions,
  type SandboxHaloCases,
} from './data-set.js';
import { RollingWindow } from './rolling-window.js';
import {
  type Answer,
  authInfo,
  authorise,
  clients,
  type RouteContext,
  type SandboxHaloCredentials,
  token,
  users,
} from './routes.js';

export type { SandboxHaloCredentials } from './routes.js';

export interface SandboxHaloOptions extends HaloDataSetOptions {
  /** 0 (default) for any free port. */
  readonly port?: number;
  readonly latencyMs?: number;
  /** Rows a page holds at most, whatever `page_size` asks (default 100). */
  readonly pageCap?: number;
  /** Requests per rolling window before 429 (default 300 per 5 minutes). */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly tokenTtlSeconds?: number;
  readonly now?: () => number;
}

export const SANDBOX_HALO_CREDENTIALS: SandboxHaloCredentials = {
  clientId: '3f2a9c1e-5b7d-4e08-9a61-0c4d8e2b7f15',
  clientSecret: 'sandbox-halo-client-secret-0001',
  tenant: 'sandboxmsp',
};

export interface SandboxHaloStats {
  /** Every HTTP request received. */
  readonly requests: number;
  readonly byPath: Readonly<Record<string, number>>;
  /** Requests answered 429 by the rolling window. */
  readonly rateLimited: number;
  readonly maxInFlight: number;
  /** Query strings of the `/api` requests, in order (for contract checks). */
  readonly queries: readonly { readonly path: string; readonly params: URLSearchParams }[];
}

export interface SandboxHalo {
  readonly baseUrl: string;
  readonly credentials: SandboxHaloCredentials;
  readonly data: HaloDataSet;
  readonly cases: SandboxHaloCases;
  stats(): SandboxHaloStats;
  resetStats(): void;
  injectFault(fault: SandboxFault): void;
  clearFaults(): void;
  /** Every issued token stops working (the provider must re-authenticate once). */
  revokeTokens(): void;
  close(): Promise<void>;
}

/** Where authinfo says the auth server is: not `/auth`, so discovery is really exercised. */
const AUTH_PATH = '/identity';

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

export async function startSandboxHalo(options: SandboxHaloOptions = {}): Promise<SandboxHalo> {
  const data = buildHaloDataSet(options);
  const now = options.now ?? Date.now;
  const window = new RollingWindow({ ...(options.rateLimit ?? { limit: 300, windowMs: 300_000 }), now });
  const faults = new FaultQueue();
  const latencyMs = options.latencyMs ?? 0;
  let origin = '';
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const byPath: Record<string, number> = {};
  const queries: { path: string; params: URLSearchParams }[] = [];
  const ctx: RouteContext = {
    data,
    credentials: SANDBOX_HALO_CREDENTIALS,
    pageCap: options.pageCap ?? 100,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    authPath: AUTH_PATH,
    origin: () => origin,
    now,
    tokens: new Map(),
    newToken: () => randomBytes(24).toString('base64url'),
  };

  const route = (method: string, url: URL, req: IncomingMessage, body: string): Answer => {
    const path = url.pathname.toLowerCase();
    if (method === 'POST' && (path === `${AUTH_PATH}/token` || path === '/auth/token')) {
      return token(ctx, url, body, req.headers['content-type'] ?? '');
    }
    if (!path.startsWith('/api/')) return { status: 404, body: '<html><body>Not Found</body></html>' };
    queries.push({ path: url.pathname, params: url.searchParams });
    const verdict = window.hit();
    if (!verdict.allowed) {
      return {
        status: 429,
        headers: { 'retry-after': String(verdict.retryAfterSeconds) },
        body: 'Rate Limit Reached - 300 Requests per rolling 5 minute window',
      };
    }
    if (method !== 'GET') return { status: 405, body: { Message: 'Method not allowed' } };
    if (path === '/api/authinfo') return authInfo(ctx);
    const denied = authorise(ctx, req.headers.authorization);
    if (denied !== null) return denied;
    if (path === '/api/client') return clients(ctx, url.searchParams);
    if (path === '/api/users') return users(ctx, url.searchParams);
    return { status: 404, body: { resultCode: 404, errorMessage: 'Not found' } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', origin);
      byPath[url.pathname] = (byPath[url.pathname] ?? 0) + 1;
      const body = await readBody(req);
      const fault = faults.take(method, url.pathname);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status !== undefined) {
        const rendered = renderFaultBody(fault.body);
        res.writeHead(fault.status, { 'content-type': rendered.contentType, ...fault.headers });
        res.end(rendered.text);
        return;
      }
      const answer = route(method, url, req, body);
      if (latencyMs > 0) await sleep(latencyMs);
      send(res, answer);
    } finally {
      inFlight -= 1;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: { Message: 'Sandbox failure' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: origin,
    credentials: SANDBOX_HALO_CREDENTIALS,
    data,
    cases: data.cases,
    stats: () => ({
      requests,
      byPath: { ...byPath },
      rateLimited: window.rejected(),
      maxInFlight,
      queries: [...queries],
    }),
    resetStats: () => {
      requests = 0;
      maxInFlight = 0;
      queries.length = 0;
      for (const key of Object.keys(byPath)) delete byPath[key];
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    revokeTokens: () => ctx.tokens.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
