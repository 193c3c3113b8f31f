import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LOWER_THREAD_PRIORITY_SOURCE, STORAGE_THREAD_NICE_INCREMENT } from './background-thread-priority.js';

/**
 * Why: SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
 * connection that committed. better-sqlite3 is synchronous, so after a bulk that rewrites pages
 * across a 50,000-row table the commit plus checkpoint blocked the event loop for 200-400 ms, and
 * every Slack acknowledgement queued behind it. The app's connection therefore has
 * `wal_autocheckpoint=0` and this worker thread, with its own connection to the same file, copies
 * the WAL back with PASSIVE checkpoints (which never block readers or writers): periodically, and
 * sooner when the WAL grows by `growthBytes`.
 */
export interface WalCheckpointerOptions {
  /** Checkpoint at least this often while the WAL changes (default 1000 ms). */
  readonly intervalMs?: number;
  /** Checkpoint as soon as the WAL file has grown this much since the last one (default 4 MiB). */
  readonly growthBytes?: number;
  /** How often the worker looks at the WAL file's size (default 100 ms). */
  readonly pollMs?: number;
  readonly busyTimeoutMs?: number;
}

/** The result of `PRAGMA wal_checkpoint`: frames in the WAL, and how many are in the database. */
export interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

export interface WalCheckpointer {
  /** Runs one PASSIVE checkpoint now, on the worker's connection. */
  checkpointNow(): Promise<CheckpointResult>;
  /** Stops the worker and closes its connection; idempotent. */
  stop(): Promise<void>;
}

// Plain CommonJS, run with `eval`, so the same code works from the TypeScript sources under
// vitest and from dist/ (a worker cannot load a .ts file).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
${LOWER_THREAD_PRIORITY_SOURCE}
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
const walPath = workerData.path + '-wal';
let lastAt = Date.now();
let lastSize = -1;
let lastMtime = -1;
function walStat() {
  try { const s = statSync(walPath); return { size: s.size, mtime: s.mtimeMs }; }
  catch { return { size: 0, mtime: 0 }; }
}
function checkpoint() {
  const seen = walStat();
  const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
  lastAt = Date.now();
  lastSize = seen.size;
  lastMtime = seen.mtime;
  return row;
}
const timer = setInterval(() => {
  try {
    const now = walStat();
    if (now.size === 0) return;
    const changed = now.size !== lastSize || now.mtime !== lastMtime;
    const grown = now.size - Math.max(lastSize, 0) >= workerData.growthBytes;
    if (grown || (changed && Date.now() - lastAt >= workerData.intervalMs)) checkpoint();
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message) });
  }
}, workerData.pollMs);
parentPort.on('message', (message) => {
  if (message.kind === 'checkpoint') {
    try { parentPort.postMessage({ kind: 'checkpointed', id: message.id, result: checkpoint() }); }
    catch (error) { parentPort.postMessage({ kind: 'checkpointed', id: message.id, error: String(error && error.message) }); }
  } else if (message.kind === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

type WorkerMessage =
  | { kind: 'checkpointed'; id: number; result?: CheckpointResult; error?: string }
  | { kind: 'error'; message: string };

/**
 * Starts the checkpointing worker for the SQLite file at `path` (never `:memory:`, which no
 * second connection can see). `onFailure` is called once if the worker dies; the caller then
 * turns automatic checkpointing back on so the WAL cannot grow without bound.
 */
export function startWalCheckpointer(
  path: string,
  options: WalCheckpointerOptions = {},
  onFailure: (error: Error) => void = () => {},
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 1000,
      growthBytes: options.growthBytes ?? 4 * 1024 * 1024,
      pollMs: options.pollMs ?? 100,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      niceIncrement: STORAGE_THREAD_NICE_INCREMENT,
    },
  });
  // Commands that forget to close storage must still be able to exit.
  worker.unref();
  const pending = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (error: Error): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    if (!stopped) onFailure(error);
    stopped = true;
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the WAL checkpointer stopped')));
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'error') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.result !== undefined) waiter?.resolve(message.result);
    else waiter?.reject(new Error(message.error ?? 'checkpoint failed'));
  });
  let stopping: Promise<void> | undefined;
  return {
    checkpointNow: () =>
      new Promise<CheckpointResult>((resolve, reject) => {
        if (stopped) {
          reject(new Error('the WAL checkpointer is stopped'));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'checkpoint', id });
      }),
    stop: () => {
      stopping ??= (async () => {
        if (!stopped) {
          stopped = true;
          worker.postMessage({ kind: 'stop' });
        }
        // Held while stopping: an unref'd worker would let the process exit in the middle of
        // `await storage.close()`, before the app's connection is closed and the code after runs.
        worker.ref();
        await exited;
      })();
      return stopping;
    },
  };
}
