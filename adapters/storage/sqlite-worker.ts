import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LOWER_THREAD_PRIORITY_SOURCE, STORAGE_THREAD_NICE_INCREMENT } from './background-thread-priority.js';

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

/**
 * SQLite's page cache, KiB: 8 MiB. A long write transaction (an apply of 50,000 contacts) fills
 * whatever it is given, and every MiB of it is resident; WAL on a local disk plus the OS's file
 * cache make a miss cheap (64 MiB cost 50 MB of peak RSS and no measurable apply time).
 */
const PAGE_CACHE_KIB = 8 * 1024;
const YOUNG_GENERATION_MB = 8;
/** Characters of SQL text the statement cache may hold (≈ 10 MB of compiled statements). */
const STATEMENT_CACHE_CHARS = 256 * 1024;

export type SqliteRow = Record<string, unknown>;

/** The worker thread's own V8 heap, in bytes (SQLite's page cache is native memory, not in it). */
export interface SqliteWorkerMemory {
  readonly heapUsed: number;
  readonly heapTotal: number;
  /** Prepared statements cached, and their SQL text's length (their compiled size grows with it). */
  readonly statements: number;
  readonly statementChars: number;
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
// A compiled statement lives in native memory until the worker's GC collects its wrapper (V8 does
// not see its size): a bulk statement of 1,000 rows holds about 40 bytes of program per character
// of SQL (~0.7 MB), and an apply's chunks make a new shape whenever a chunk's count changes, so
// the cache once held 2 million characters of them. A big statement is therefore cached only when
// its text comes back (a fixed-size chunk does; a one-off dies young, freed by the next scavenge),
// and the cache is bounded by its statements' text as well as their number.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getHeapStatistics } = require('node:v8');
const Database = require(workerData.driver);
const CACHE = 256;
const CACHE_SQL_CHARS = workerData.statementCacheChars;
const BIG_SQL_CHARS = 2000;
const cache = new Map();
let cachedChars = 0;
const seenOnce = new Set();
const cursors = new Map();
let db;
let prepares = 0;
function failure(error) {
  return { message: String((error && error.message) || error), code: error && typeof error.code === 'string' ? error.code : undefined };
}
function prepared(sql) {
  let stmt = cache.get(sql);
  if (stmt === undefined) {
    stmt = db.prepare(sql);
    prepares++;
    if (sql.length > BIG_SQL_CHARS && !seenOnce.has(sql)) {
      seenOnce.add(sql);
      if (seenOnce.size > 64) seenOnce.delete(seenOnce.values().next().value);
      return stmt;
    }
    seenOnce.delete(sql);
  } else {
    cache.delete(sql);
    cachedChars -= sql.length;
  }
  cache.set(sql, stmt);
  cachedChars += sql.length;
  // Least recently used first; the statement just run always stays.
  while (cache.size > 1 && (cache.size > CACHE || cachedChars > CACHE_SQL_CHARS)) {
    const oldest = cache.keys().next().value;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
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
      return {
        rows: [],
        memory: { heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size, statements: cache.size, statementChars: cachedChars },
      };
    }
  }
  throw new Error('unknown request ' + message.kind);
}
${LOWER_THREAD_PRIORITY_SOURCE}
try {
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = ' + Math.floor(workerData.busyTimeoutMs));
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -' + workerData.pageCacheKib);
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
  // Each answer says how long the thread spent on it and how many statements it compiled, so a
  // slow click can be split into SQLite's time, the event loop's and the wait between them.
  const start = performance.now();
  const before = prepares;
  try {
    const result = handle(message);
    result.ms = performance.now() - start;
    result.prepared = prepares - before;
    parentPort.postMessage({ id: message.id, result });
  }
  catch (error) { parentPort.postMessage({ id: message.id, error: failure(error) }); }
});
`;

interface WorkerFailure {
  readonly message: string;
  readonly code?: string;
}

type Answer = SqliteRunResult & {
  readonly done?: boolean;
  readonly memory?: SqliteWorkerMemory;
  readonly ms?: number;
  readonly prepared?: number;
};

/** What the thread has done since it opened: requests answered, time spent in them, statements compiled. */
export interface SqliteWorkerActivity {
  readonly requests: number;
  readonly busyMs: number;
  readonly prepares: number;
}

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
  private done: SqliteWorkerActivity = { requests: 0, busyMs: 0, prepares: 0 };
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
      if ('error' in reply) {
        waiter?.reject(errorOf(reply.error));
        return;
      }
      this.done = {
        requests: this.done.requests + 1,
        busyMs: this.done.busyMs + (reply.result.ms ?? 0),
        prepares: this.done.prepares + (reply.result.prepared ?? 0),
      };
      waiter?.resolve(reply.result);
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
      // The thread's garbage is rows on their way out and statements dropped from the cache; a
      // smaller young generation frees both sooner (V8's default let its heap reach 44 MB for 24 live).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      workerData: {
        path,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        busyTimeoutMs: options.busyTimeoutMs,
        autoCheckpoint: options.autoCheckpoint,
        pageCacheKib: PAGE_CACHE_KIB,
        statementCacheChars: STATEMENT_CACHE_CHARS,
        niceIncrement: STORAGE_THREAD_NICE_INCREMENT,
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

  /** Totals of the answered requests (benchmarks take the difference across one click). */
  activity(): SqliteWorkerActivity {
    return this.done;
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
