/**
 * A ConnectWise Manage look-alike on loopback, for the terminal demo, integration tests and the
 * bench. It checks what the real API checks (Basic auth `companyId+publicKey:privateKey`, the
 * `clientId` header), serves the API under `/{codebase}apis/3.0` and `/login/companyinfo/{id}`,
 * and can add latency and scripted faults. It shares no code with the provider on purpose: two
 * independent readings of the API keep each other honest.
 *
 *   const psa = await startSandboxConnectWise({ companies: 5000, contactsPerCompany: 10, latencyMs: 50 });
 *   gateway.open('connectwise', new Secret(psa.credentials));
 *   psa.injectFault({ status: 401 }); psa.stats(); await psa.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AnswerCache, createAnswerCache } from './answer-cache.js';
import { createApiRoutes, type RouteResult } from './api-routes.js';
import { createFaultQueue, errorJson, HTML_PAGE, type SandboxFault } from './faults.js';
import type { SandboxDataset } from './records.js';
import { buildDataset } from './seed-data.js';

export type { SandboxFault } from './faults.js';
export { SANDBOX_EXISTING_MANAGED_COMPANIES, SANDBOX_SHARED_EMAIL } from './hard-cases.js';

export interface SandboxCredentials {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId: string;
}

export interface SandboxConnectWiseOptions {
  /** Total companies, hard cases included; default 250. */
  readonly companies?: number;
  /** Contacts of each generated company; default 3. */
  readonly contactsPerCompany?: number;
  /** Added to every response. */
  readonly latencyMs?: number;
  readonly port?: number;
  readonly credentials?: Partial<SandboxCredentials>;
  /** Default 'v2026_1/'. */
  readonly codebase?: string;
  readonly paging?: 'standard' | 'page-numbers-only';
  readonly seed?: number;
  /**
   * Benches: keep up to this many bytes of answers and send them again as bytes (answer-cache.ts),
   * so the sandbox's own CPU does not weigh on the clients it serves. Off by default.
   */
  readonly answerCacheBytes?: number;
}

export interface SandboxStats {
  readonly requests: number;
  readonly requestsByPath: Readonly<Record<string, number>>;
  readonly maxInFlight: number;
  readonly maxInFlightByPath: Readonly<Record<string, number>>;
}

export interface SandboxConnectWise {
  /** `http://127.0.0.1:<port>`: what the admin types as the site. */
  readonly site: string;
  /** The credential form's values (sandbox values, not secrets). */
  readonly credentials: Readonly<Record<string, string>>;
  readonly codebase: string;
  readonly dataset: SandboxDataset;
  /**
   * Test only: serve `next` from now on, as if the PSA had changed (a client added, a contact
   * deactivated, an email changed). Records stay sorted by id, like the real collections.
   */
  replaceDataset(next: SandboxDataset): void;
  stats(): SandboxStats;
  resetStats(): void;
  injectFault(fault: SandboxFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const DEFAULT_CREDENTIALS: SandboxCredentials = {
  companyId: 'sandboxmsp',
  publicKey: 'SandboxPublicKey01',
  privateKey: 'SandboxPrivateKey01',
  clientId: '00000000-0000-4000-8000-00000000c0de',
};
const SUPPORTED_VERSIONS = /version=(2026\.\d+|2025\.\d+)/;

const wait = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

export async function startSandboxConnectWise(
  options: SandboxConnectWiseOptions = {},
): Promise<SandboxConnectWise> {
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const codebase = options.codebase ?? 'v2026_1/';
  const apiPrefix = `/${codebase}apis/3.0`;
  let dataset = buildDataset({
    companies: options.companies ?? 250,
    contactsPerCompany: options.contactsPerCompany ?? 3,
    ownIdentifier: credentials.companyId,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  let route = createApiRoutes(dataset, { paging: options.paging ?? 'standard' });
  const newCache = (): AnswerCache | null =>
    options.answerCacheBytes === undefined ? null : createAnswerCache(options.answerCacheBytes);
  let cache = newCache();
  const faults = createFaultQueue();
  let origin = '';

  let requests = 0;
  let byPath: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  const inFlightByPath: Record<string, number> = {};
  let maxByPath: Record<string, number> = {};

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ') || req.headers.clientid !== credentials.clientId) return false;
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, Math.max(colon, 0));
    const plus = user.lastIndexOf('+');
    if (colon < 0 || plus < 0) return false;
    // The company id is case-insensitive at ConnectWise; the keys are not.
    return (
      user.slice(0, plus).toLowerCase() === credentials.companyId.toLowerCase() &&
      user.slice(plus + 1) === credentials.publicKey &&
      decoded.slice(colon + 1) === credentials.privateKey
    );
  }

  function answer(req: IncomingMessage, url: URL): RouteResult {
    const info = /^\/login\/companyinfo\/([^/]+)$/.exec(url.pathname);
    if (info !== null) {
      if (decodeURIComponent(info[1] as string).toLowerCase() !== credentials.companyId.toLowerCase()) {
        return { status: 404, body: errorJson(404) };
      }
      const body = {
        CompanyName: 'Sandbox MSP',
        Codebase: codebase,
        VersionCode: 'v2026.1',
        CompanyID: credentials.companyId,
        IsCloud: false,
        SiteUrl: url.host,
      };
      return { status: 200, body: JSON.stringify(body) };
    }
    if (!url.pathname.startsWith(`${apiPrefix}/`)) return { status: 404, body: errorJson(404) };
    if (req.method !== 'GET')
      return { status: 405, body: errorJson(405, 'Only GET is served by the sandbox') };
    if (!authorised(req)) return { status: 401, body: errorJson(401) };
    const accept = req.headers.accept ?? '';
    if (accept.includes('version=') && !SUPPORTED_VERSIONS.test(accept))
      return { status: 400, body: errorJson(400, 'Unsupported API version') };
    const forwardOnly = String(req.headers['pagination-type'] ?? '').toLowerCase() === 'forward-only';
    const compute = () => route(url.pathname.slice(apiPrefix.length), url, forwardOnly, origin);
    return cache === null ? compute() : cache(`${forwardOnly} ${url.pathname}${url.search}`, compute);
  }

  /**
   * `latencyMs` is the least time a response takes from arrival, the server's own work included:
   * the answer is computed first and sent when the time is up, so one thread serving six requests
   * behaves like a server with a core per request. A fault's `delayMs` comes on top.
   */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const arrived = performance.now();
    const fault = faults.take(url.pathname);
    let result: RouteResult;
    if (fault !== null && (fault.status >= 300 || fault.body !== undefined)) {
      const kind = fault.body ?? 'json';
      result = {
        status: fault.status,
        body: kind === 'html' ? HTML_PAGE : kind === 'empty' ? '' : errorJson(fault.status),
        headers: {
          'content-type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
          ...(fault.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(fault.retryAfterSeconds) }),
        },
      };
    } else {
      result = answer(req, url);
    }
    await wait((options.latencyMs ?? 0) + (fault?.delayMs ?? 0) - (performance.now() - arrived));
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...result.headers });
    if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) {
      res.end(result.body);
      return;
    }
    for (const chunk of result.body) res.write(chunk);
    res.end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const key = url.pathname.startsWith(apiPrefix)
      ? url.pathname.slice(apiPrefix.length)
      : url.pathname.replace(/\/[^/]*$/, '');
    requests += 1;
    byPath[key] = (byPath[key] ?? 0) + 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    inFlightByPath[key] = (inFlightByPath[key] ?? 0) + 1;
    maxByPath[key] = Math.max(maxByPath[key] ?? 0, inFlightByPath[key] ?? 0);
    res.on('close', () => {
      inFlight -= 1;
      inFlightByPath[key] = (inFlightByPath[key] ?? 1) - 1;
    });
    handle(req, res, url).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(errorJson(500));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    site: origin,
    credentials: { site: origin, ...credentials },
    codebase,
    get dataset() {
      return dataset;
    },
    replaceDataset(next) {
      const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
      dataset = {
        ...next,
        companies: [...next.companies].sort(byId),
        contacts: [...next.contacts].sort(byId),
      };
      route = createApiRoutes(dataset, { paging: options.paging ?? 'standard' });
      cache = newCache();
    },
    stats: () => ({
      requests,
      requestsByPath: { ...byPath },
      maxInFlight,
      maxInFlightByPath: { ...maxByPath },
    }),
    resetStats() {
      requests = 0;
      byPath = {};
      maxInFlight = inFlight;
      maxByPath = { ...inFlightByPath };
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
