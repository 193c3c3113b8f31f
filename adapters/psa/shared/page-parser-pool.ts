/**
 * Parses big PSA pages on worker threads, so the event loop that sends requests, answers chat
 * clicks and reads sockets is not held for the ~10 ms a 1,000-contact page takes to decode,
 * check and map. The body travels by transfer (no copy); the compact records come back.
 *
 *   const pool = createPageParserPool({ workerUrl: new URL('./contact-page-worker.js', import.meta.url),
 *                                       inline: parseContactPage, size: 2 });
 *   const page = await pool.parse(bytes, { maxRecords: 1010 }); // throws PageRejected
 *
 * Where the worker file is not there (tests run the TypeScript sources), the same parser runs
 * inline: one behaviour, two places. A worker that dies fails its pages with `internal` and is
 * replaced on the next page. Idle workers do not keep the process alive, and stop after `idleMs`:
 * a worker's isolate holds tens of MB once it has parsed a fetch's pages, and a bot fetches
 * rarely, so the next fetch pays a few ms to start one again rather than every apply and click
 * carrying it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src/domain/errors.js';
import type { PageAnswer, PageJob, PageParser } from './page-parser-host.js';
import { PageRejected } from './page-rejected.js';

export interface PageParserPoolOptions<J, R> {
  /** A worker module that calls servePageParser with the same parser as `inline`. */
  readonly workerUrl: URL;
  readonly inline: PageParser<J, R>;
  /** Workers at most; default: one per core but the one the event loop needs, at least one. */
  readonly size?: number;
  /** A worker with no page for this long stops (default 2,000 ms). */
  readonly idleMs?: number;
}

export interface PageParserPool<J, R> {
  /** The parsed page; PageRejected when it cannot be used, AppError internal when a worker died. */
  parse(bytes: Uint8Array, job: J): Promise<R>;
  /** Whether pages go to workers (false: inline). */
  readonly offThread: boolean;
  /** Workers running now. */
  readonly workers: number;
  /** Stops the workers; pages in flight fail. */
  close(): Promise<void>;
}

interface Pending<R> {
  resolve(result: R): void;
  reject(error: Error): void;
}

interface Slot<R> {
  readonly worker: Worker;
  readonly pending: Map<number, Pending<R>>;
  idle: NodeJS.Timeout | null;
}

/** A view over its whole buffer can be transferred as is; any other is copied first. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

export function createPageParserPool<J, R>(options: PageParserPoolOptions<J, R>): PageParserPool<J, R> {
  const size = Math.max(1, options.size ?? availableParallelism() - 1);
  const idleMs = options.idleMs ?? 2_000;
  const offThread = existsSync(fileURLToPath(options.workerUrl));
  const slots: Slot<R>[] = [];
  let nextId = 1;

  function failAll(slot: Slot<R>, error: Error): void {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    if (slot.idle !== null) clearTimeout(slot.idle);
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }

  /** Out of the pool at once (no page can pick it), then stopped. */
  function retire(slot: Slot<R>): void {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    void slot.worker.terminate();
  }

  function spawn(): Slot<R> {
    const slot: Slot<R> = { worker: new Worker(options.workerUrl), pending: new Map(), idle: null };
    slot.worker.unref();
    slot.worker.on('message', (answer: PageAnswer<R>) => {
      const pending = slot.pending.get(answer.id);
      if (pending === undefined) return;
      slot.pending.delete(answer.id);
      if (slot.pending.size === 0) {
        slot.worker.unref();
        slot.idle = setTimeout(() => retire(slot), idleMs);
        slot.idle.unref();
      }
      if (answer.ok) pending.resolve(answer.result);
      else if (answer.rejected !== null) pending.reject(new PageRejected(answer.rejected));
      else pending.reject(new AppError('internal', {}, { cause: new Error('page parser failed') }));
    });
    const died = (cause: Error) =>
      failAll(slot, new AppError('internal', {}, { cause: new Error(`page parser worker: ${cause.name}`) }));
    slot.worker.on('error', died);
    slot.worker.on('exit', () => died(new Error('exit')));
    slots.push(slot);
    return slot;
  }

  /** The least busy worker, or a new one while under the size and every worker is busy. */
  function pick(): Slot<R> {
    let best: Slot<R> | undefined;
    for (const slot of slots) if (best === undefined || slot.pending.size < best.pending.size) best = slot;
    if (best === undefined || (best.pending.size > 0 && slots.length < size)) return spawn();
    return best;
  }

  return {
    offThread,
    get workers() {
      return slots.length;
    },
    parse(bytes, job) {
      if (!offThread) return Promise.resolve().then(() => options.inline(bytes, job));
      const slot = pick();
      const id = nextId++;
      const body = ownBuffer(bytes);
      const message: PageJob<J> = { id, bytes: body, job };
      if (slot.idle !== null) clearTimeout(slot.idle);
      slot.idle = null;
      return new Promise<R>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.ref();
        slot.worker.postMessage(message, [body.buffer as ArrayBuffer]);
      });
    },
    async close() {
      const all = slots.splice(0);
      for (const slot of all) if (slot.idle !== null) clearTimeout(slot.idle);
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
