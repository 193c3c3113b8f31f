import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SandboxWorkerMessage, SandboxWorkerRequest } from './sandbox-worker.js';

export interface SandboxThread {
  readonly credentials: Record<string, string>;
  readonly zoneBaseUrl: string | null;
  stats(): Promise<{ requests: number; maxConcurrent: number; rateLimited: number }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox PSA in a worker thread and talks to it by messages. */
export async function startSandboxThread(request: SandboxWorkerRequest): Promise<SandboxThread> {
  const worker = new Worker(new URL('./sandbox-worker.js', import.meta.url), { workerData: request });
  const [ready] = (await once(worker, 'message')) as [SandboxWorkerMessage];
  if (ready.kind !== 'ready') throw new Error('sandbox worker did not start');
  const ask = async (): Promise<{ requests: number; maxConcurrent: number; rateLimited: number }> => {
    worker.postMessage('stats');
    const [reply] = (await once(worker, 'message')) as [SandboxWorkerMessage];
    if (reply.kind !== 'stats') throw new Error('sandbox worker answered out of turn');
    return reply;
  };
  return {
    credentials: ready.credentials,
    zoneBaseUrl: ready.zoneBaseUrl,
    stats: ask,
    async resetStats() {
      worker.postMessage('reset');
      await once(worker, 'message');
    },
    async close() {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}
