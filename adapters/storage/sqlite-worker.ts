import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Why a thread: better-sqlite3 is synchronous, so on the event loop every statement blocks every
 * tenant. A bulk decision over a 50,000-contact import (tens of ms per chunk, plus its commit)
 * held Slack's acknowledgements of other tenants for up to 200 ms, and no chunk size is small
 * enough for every statement the app will ever run. Here the connection lives in a worker thread;
 * the event loop only posts SQL and receives rows, so its latency no longer depends on the size
 * of anyone's import. One connection still runs one statement at a time, in the order posted.
 */
export interface SqliteWorkerOptions {
  readonly busyTimeoutMs: number;
  /** False when the WAL checkpointer worker copies the WAL back instead (see wal-checkpointer.ts). */
  readonly autoCheckpoint: boolean;
}

export type SqliteRow = Record<string, unknown>;

/** The worker thread's own V8 heap, in bytes (SQLite's page cache is native memory, not in it). */
export interface SqliteWorkerMemory {
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}

export interface SqliteRunResult {
  readonly rows: SqliteRow[];
  /** Set for statements that return no rows. */
  readonly changes?: number;
  readonly lastInsertRowid?: number | bigint;
}

/** A failure inside SQLite, with better-sqlite3's code (`SQLITE_CONSTRAINT_UNIQUE`, …) kept. */
export class SqliteWorkerError extends Error {
  override readonly name = 'SqliteError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

// Plain CommonJS, run with `eval`, so the same code works from the TypeScript sources under
// vitest and from dist/ (a worker cannot load a .ts file). Prepared statements are cached by
// text: the app runs a few hundred distinct ones, and preparing costs as much as a small query.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getHeapStatistics } = require('node:v8');
const Database = require(workerData.driver);
const CACHE = 256;
const cache = new Map();
const cursors = new Map();
let db;
function failure(error) {
  return { message: String((error && error.message) || error), code: error && typeof error.code === 'string' ? error.code : undefined };
}
function prepared(sql) {
  let stmt = cache.get(sql);
  if (stmt === undefined) {
    stmt = db.prepare(sql);
    if (cache.size >= CACHE) cache.delete(cache.keys().next().value);
  } else cache.delete(sql);
  cache.set(sql, stmt);
  return stmt;
}
const bound = (parameters) => parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
function run(message) {
  const stmt = prepared(message.sql);
  if (stmt.reader) return { rows: stmt.all(bound(message.parameters)) };
  const { changes, lastInsertRowid } = stmt.run(bound(message.parameters));
  return { rows: [], changes, lastInsertRowid };
}
function next(message) {
  const cursor = cursors.get(message.cursor);
  const rows = [];
  let done = false;
  while (rows.length < message.count) {
    const step = cursor.next();
    if (step.done) { done = true; break; }
    rows.push(step.value);
  }
  if (done) cursors.delete(message.cursor);
  return { rows, done };
}
function handle(message) {
  switch (message.kind) {
    case 'run': return run(message);
    case 'open-cursor':
      // Not cached: a statement that is iterating cannot run again until it is done.
      cursors.set(message.cursor, db.prepare(message.sql).iterate(bound(message.parameters)));
      return { rows: [] };
    case 'next': return next(message);
    case 'close-cursor':
      cursors.get(message.cursor)?.return();
      cursors.delete(message.cursor);
      return { rows: [] };
    case 'memory': {
      const heap = getHeapStatistics();
      return { rows: [], memory: { heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size, external: heap.external_memory } };
    }
  }
  throw new Error('unknown request ' + message.kind);
}
try {
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = ' + Math.floor(workerData.busyTimeoutMs));
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  if (!workerData.autoCheckpoint) db.pragma('wal_autocheckpoint = 0');
  parentPort.postMessage({ kind: 'ready' });
} catch (error) {
  parentPort.postMessage({ kind: 'failed', error: failure(error) });
}
parentPort.on('message', (message) => {
  if (message.kind === 'close') {
    for (const cursor of cursors.values()) cursor.return();
    if (db && db.open) db.close();
    parentPort.close();
    return;
  }
  try { parentPort.postMessage({ id: message.id, result: handle(message) }); }
  catch (error) { parentPort.postMessage({ id: message.id, error: failure(error) }); }
});
`;

interface WorkerFailure {
  readonly message: string;
  readonly code?: string;
}

type Answer = SqliteRunResult & { readonly done?: boolean; readonly memory?: SqliteWorkerMemory };

type Reply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: WorkerFailure }
  | { readonly id: number; readonly result: Answer }
  | { readonly id: number; readonly error: WorkerFailure };

type Request =
  | { readonly kind: 'run'; readonly sql: string; readonly parameters: readonly unknown[] }
  | {
      readonly kind: 'open-cursor';
      readonly cursor: number;
      readonly sql: string;
      readonly parameters: readonly unknown[];
    }
  | { readonly kind: 'next'; readonly cursor: number; readonly count: number }
  | { readonly kind: 'close-cursor'; readonly cursor: number }
  | { readonly kind: 'memory' };

interface Waiter {
  resolve(result: Answer): void;
  reject(error: Error): void;
}

const errorOf = (failure: WorkerFailure): SqliteWorkerError =>
  new SqliteWorkerError(failure.message, failure.code);

/** One SQLite connection in a worker thread; requests run one at a time, in the order sent. */
export class SqliteWorker {
  private readonly pending = new Map<number, Waiter>();
  private nextId = 0;
  private nextCursor = 0;
  private stopped: Error | null = null;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
  ) {
    worker.on('message', (reply: Reply) => {
      if (!('id' in reply)) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // Idle, the thread must not keep the process alive (a command that forgets to close
      // storage still exits); while a request is out it must, or `await` could end the process.
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiter?.reject(errorOf(reply.error));
      else waiter?.resolve(reply.result);
    });
    const fail = (error: Error): void => {
      this.stopped ??= error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the SQLite worker stopped')));
  }

  /** Opens the database at `path` (a file or `:memory:`) in a new thread; rejects if SQLite cannot. */
  static async open(path: string, options: SqliteWorkerOptions): Promise<SqliteWorker> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        busyTimeoutMs: options.busyTimeoutMs,
        autoCheckpoint: options.autoCheckpoint,
      },
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const first = await new Promise<Reply | Error>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', resolve);
      void exited.then(() => resolve(new Error('the SQLite worker stopped while opening')));
    });
    if (first instanceof Error || 'id' in first || first.kind === 'failed') {
      const cause = first instanceof Error ? first : 'error' in first ? errorOf(first.error) : undefined;
      await worker.terminate();
      throw cause ?? new Error('the SQLite worker did not open the database');
    }
    worker.unref();
    return new SqliteWorker(worker, exited);
  }

  /** Runs one statement: its rows, or the changes it made. */
  run(sql: string, parameters: readonly unknown[]): Promise<SqliteRunResult> {
    return this.request({ kind: 'run', sql, parameters });
  }

  /** Rows of a query `count` at a time, read by the worker as they are asked for. */
  async *stream(sql: string, parameters: readonly unknown[], count: number): AsyncGenerator<SqliteRow[]> {
    const cursor = this.nextCursor++;
    await this.request({ kind: 'open-cursor', cursor, sql, parameters });
    let done = false;
    try {
      while (!done) {
        const page = await this.request({ kind: 'next', cursor, count: Math.max(1, count) });
        done = page.done === true;
        if (page.rows.length > 0) yield page.rows;
      }
    } finally {
      if (!done && this.stopped === null) await this.request({ kind: 'close-cursor', cursor });
    }
  }

  /** The thread's heap, asked between two statements (benchmarks report it). */
  async memory(): Promise<SqliteWorkerMemory> {
    const answer = await this.request({ kind: 'memory' });
    if (answer.memory === undefined) throw new Error('the SQLite worker gave no memory figures');
    return answer.memory;
  }

  /** Closes the connection and ends the thread; idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.stopped === null) this.worker.postMessage({ kind: 'close' });
      // Held while closing: an unref'd worker would let the process exit mid-`await storage.close()`.
      this.worker.ref();
      await this.exited;
    })();
    return this.closing;
  }

  private request(request: Request): Promise<Answer> {
    return new Promise((resolve, reject) => {
      if (this.stopped !== null || this.closing !== undefined) {
        reject(this.stopped ?? new Error('the SQLite connection is closed'));
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...request, id });
    });
  }
}
