import { parentPort, workerData } from 'node:worker_threads';
import { startSandboxAutotask } from '../adapters/psa/sandbox/autotask/server.js';
import { startSandboxConnectWise } from '../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { startSandboxHalo } from '../adapters/psa/sandbox/halopsa/server.js';
import type { Provider } from '../src/domain/provider.js';

/**
 * Runs a sandbox PSA in its own thread for the benchmarks. In the bench's own thread the
 * sandbox's CPU work (filtering 50,000 contacts per request) would be charged to the provider's
 * fetch time; a real PSA does that work on its own servers.
 */
export interface SandboxWorkerRequest {
  readonly provider: Provider;
  readonly companies: number;
  readonly contactsPerCompany: number;
  readonly latencyMs: number;
  /** ConnectWise only: answers kept as bytes up to this size (see answer-cache.ts); off when absent. */
  readonly answerCacheBytes?: number;
}

export type SandboxWorkerMessage =
  | {
      readonly kind: 'ready';
      readonly credentials: Record<string, string>;
      readonly zoneBaseUrl: string | null;
    }
  | {
      readonly kind: 'stats';
      readonly requests: number;
      readonly maxConcurrent: number;
      /** Requests the PSA refused for its rate limit (HaloPSA's 429s). */
      readonly rateLimited: number;
    };

interface RunningSandbox {
  readonly credentials: Record<string, string>;
  readonly zoneBaseUrl: string | null;
  requests(): number;
  maxConcurrent(): number;
  rateLimited(): number;
  reset(): void;
  close(): Promise<void>;
}

type SandboxSize = Pick<SandboxWorkerRequest, 'companies' | 'contactsPerCompany' | 'latencyMs'>;
type SandboxStart = SandboxSize & Pick<SandboxWorkerRequest, 'answerCacheBytes'>;

async function start(provider: Provider, options: SandboxStart): Promise<RunningSandbox> {
  if (provider === 'connectwise') {
    const cw = await startSandboxConnectWise(options);
    return {
      credentials: { ...cw.credentials },
      zoneBaseUrl: null,
      requests: () => cw.stats().requests,
      maxConcurrent: () => cw.stats().maxInFlight,
      rateLimited: () => 0,
      reset: () => cw.resetStats(),
      close: () => cw.close(),
    };
  }
  if (provider === 'autotask') {
    const at = await startSandboxAutotask({ ...options, hourlyBudget: 10_000 });
    return {
      credentials: { ...at.credentials },
      zoneBaseUrl: at.zoneBaseUrl,
      requests: () => at.stats().requests,
      maxConcurrent: () =>
        Math.max(0, ...Object.values(at.stats().endpoints).map((endpoint) => endpoint?.maxConcurrent ?? 0)),
      rateLimited: () => 0,
      reset: () => at.resetStats(),
      close: () => at.close(),
    };
  }
  // Halo's reported limit and page cap: 300 requests per rolling 5 minutes, 100 rows a page.
  const halo = await startSandboxHalo({
    clients: options.companies,
    usersPerClient: options.contactsPerCompany,
    latencyMs: options.latencyMs,
  });
  return {
    credentials: {
      baseUrl: halo.baseUrl,
      clientId: halo.credentials.clientId,
      clientSecret: halo.credentials.clientSecret,
    },
    zoneBaseUrl: null,
    requests: () => halo.stats().requests,
    maxConcurrent: () => halo.stats().maxInFlight,
    rateLimited: () => halo.stats().rateLimited,
    reset: () => halo.resetStats(),
    close: () => halo.close(),
  };
}

/** The parent's end: a worker thread's port, or a child process's IPC channel. */
interface ParentChannel {
  on(event: 'message', listener: (message: 'stats' | 'reset' | 'close') => void): void;
  postMessage(message: SandboxWorkerMessage): void;
  close(): void;
}

function parentChannel(): { channel: ParentChannel; request: SandboxWorkerRequest } {
  if (parentPort !== null) return { channel: parentPort, request: workerData as SandboxWorkerRequest };
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('sandbox-worker must run in a worker thread or a child process');
  return {
    channel: {
      on: (event, listener) => process.on(event, listener),
      postMessage: (message) => send(message),
      close: () => process.disconnect(),
    },
    request: JSON.parse(process.argv[2] ?? '{}') as SandboxWorkerRequest,
  };
}

async function main(): Promise<void> {
  const { channel: port, request } = parentChannel();
  const options = {
    companies: request.companies,
    contactsPerCompany: request.contactsPerCompany,
    latencyMs: request.latencyMs,
    ...(request.answerCacheBytes === undefined ? {} : { answerCacheBytes: request.answerCacheBytes }),
  };
  const sandbox = await start(request.provider, options);
  port.on('message', (message: 'stats' | 'reset' | 'close') => {
    if (message === 'reset') sandbox.reset();
    if (message === 'close') {
      void sandbox.close().then(() => port.close());
      return;
    }
    port.postMessage({
      kind: 'stats',
      requests: sandbox.requests(),
      maxConcurrent: sandbox.maxConcurrent(),
      rateLimited: sandbox.rateLimited(),
    });
  });
  port.postMessage({ kind: 'ready', credentials: sandbox.credentials, zoneBaseUrl: sandbox.zoneBaseUrl });
}

await main();
