import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
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

/**
 * Starts a sandbox PSA in a child process: the bench's peak RSS is then the bot's alone, as a
 * real PSA's memory is not the bot's.
 */
export async function startSandboxProcess(request: SandboxWorkerRequest): Promise<SandboxThread> {
  const child = fork(
    fileURLToPath(new URL('./sandbox-worker.js', import.meta.url)),
    [JSON.stringify(request)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = async (): Promise<SandboxWorkerMessage> => {
    const [message] = (await once(child, 'message')) as [SandboxWorkerMessage];
    return message;
  };
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error('sandbox process did not start');
  return {
    credentials: ready.credentials,
    zoneBaseUrl: ready.zoneBaseUrl,
    async stats() {
      child.send('stats');
      const reply = await next();
      if (reply.kind !== 'stats') throw new Error('sandbox process answered out of turn');
      return reply;
    },
    async resetStats() {
      child.send('reset');
      await next();
    },
    async close() {
      child.send('close');
      await once(child, 'exit');
    },
  };
}
