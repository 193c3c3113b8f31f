import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  sql,
} from 'kysely';
import pg from 'pg';
import { AppError } from '../../src/domain/errors.js';
import type { Storage } from '../../src/ports/storage.js';
import { classifyDatabaseFailure, DatabaseUnavailableError } from './database-failure.js';
import { parseDatabaseUrl } from './database-url.js';
import { type DialectName, dialectTraits } from './dialect-traits.js';
import { createStorage } from './kysely-storage.js';
import { migrateToLatest } from './migrator.js';
import type { Database } from './schema.js';
import { SqliteWorker, type SqliteWorkerActivity, type SqliteWorkerMemory } from './sqlite-worker.js';
import { sqliteWorkerDialect } from './sqlite-worker-dialect.js';
import { type CheckpointResult, startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

export interface OpenStorageOptions {
  /** Run pending migrations before returning (default false: boot and `psa-import migrate` do it). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** SQLite: how long to wait for another process's write lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Called with errors of idle PostgreSQL connections, which would otherwise crash the process. */
  readonly onPoolError?: (error: Error) => void;
  /**
   * Called with the driver's error whenever a PostgreSQL query fails because the server is
   * unreachable, refuses us or stops answering; the caller then sees AppError `database_unavailable`.
   */
  readonly onUnavailable?: (error: unknown) => void;
  /** PostgreSQL: how long connecting (TCP, TLS and login) may take, in ms (default 10,000). */
  readonly connectTimeoutMs?: number;
  /** PostgreSQL: the server's statement_timeout, in ms (default 60,000). */
  readonly statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
/** The client gives up this long after the server should have cancelled a statement itself. */
const CLIENT_GRACE_MS = 5_000;

export interface OpenedStorage {
  readonly storage: Storage;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Names of the migrations this call ran (empty unless `migrate` was set). */
  readonly migrated: readonly string[];
  /** SQLite: the heap of the thread that runs the statements (benchmarks); null on PostgreSQL. */
  workerMemory(): Promise<SqliteWorkerMemory | null>;
  /** SQLite: what that thread has done so far (benchmarks split a click's time); null on PostgreSQL. */
  workerActivity(): SqliteWorkerActivity | null;
  /**
   * SQLite file: one PASSIVE checkpoint now, queued behind the background one if it is running
   * (a benchmark waits here for the WAL of its previous phase to be folded back); null otherwise.
   */
  checkpoint(): Promise<CheckpointResult | null>;
  close(): Promise<void>;
}

/**
 * Opens DATABASE_URL (see parseDatabaseUrl). Error messages never include the URL: it may carry a
 * password. PostgreSQL is asked one query first, so a server that is down, refuses us or never
 * answers fails here with DatabaseUnavailableError naming the cause, not later mid-command.
 */
export async function openStorage(
  databaseUrl: string,
  options: OpenStorageOptions = {},
): Promise<OpenedStorage> {
  const target = parseDatabaseUrl(databaseUrl);
  let checkpointer: WalCheckpointer | undefined;
  let sqlite: SqliteWorker | undefined;
  let db: Kysely<Database>;
  if (target.dialect === 'sqlite') {
    const file = target.path !== ':memory:';
    if (file) createPrivateFile(target.path);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    const worker = await SqliteWorker.open(target.path, { busyTimeoutMs, autoCheckpoint: !file });
    sqlite = worker;
    if (file) checkpointer = checkpointInWorker(worker, target.path, busyTimeoutMs);
    db = new Kysely<Database>({ dialect: sqliteWorkerDialect(worker) });
  } else {
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: openPool(target.connectionString, options) }),
    });
  }
  const destroy = async (): Promise<void> => {
    // The worker's connection goes first, so the app's close (the last one) folds the WAL back.
    await checkpointer?.stop();
    await db.destroy();
  };
  try {
    if (target.dialect === 'postgres') await probe(db);
    const migrated = options.migrate ? await migrateToLatest(db) : [];
    let closing: Promise<void> | undefined;
    return {
      storage: createStorage(db, dialectTraits(target.dialect)),
      db,
      dialect: target.dialect,
      migrated,
      workerMemory: async () => (sqlite === undefined ? null : await sqlite.memory()),
      workerActivity: () => sqlite?.activity() ?? null,
      checkpoint: async () => (checkpointer === undefined ? null : await checkpointer.checkpointNow()),
      // Idempotent: shutdown paths often close twice, and pg's pool throws on a second end().
      close: () => {
        closing ??= destroy();
        return closing;
      },
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}

/**
 * A new database file is created empty with mode 0600 before SQLite opens it: SQLite gives its
 * -wal and -shm files the database file's mode, so all three stay private to the bot's user.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** See wal-checkpointer.ts for why checkpoints leave the app's connection. */
function checkpointInWorker(worker: SqliteWorker, path: string, busyTimeoutMs: number): WalCheckpointer {
  return startWalCheckpointer(path, { busyTimeoutMs }, () => {
    // SQLite's default threshold: without the checkpointer the WAL must not grow without bound.
    worker.run('pragma wal_autocheckpoint = 1000', []).catch(() => {});
  });
}

async function probe(db: Kysely<Database>): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const kind = classifyDatabaseFailure(error);
    if (kind === null) throw error;
    throw new DatabaseUnavailableError(kind, error instanceof AppError ? error.cause : error);
  }
}

function openPool(connectionString: string, options: OpenStorageOptions): PostgresPool {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: statementTimeoutMs,
    // A server that stops answering altogether cannot cancel anything: the client stops waiting.
    query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
    keepAlive: true,
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  return classifyingPool(pool, options.onUnavailable);
}

/**
 * The pool as kysely sees it, turning outages into AppError `database_unavailable` (with the
 * driver's error as its cause) so every surface can say "the database is unavailable".
 */
function classifyingPool(pool: pg.Pool, onUnavailable?: (error: unknown) => void): PostgresPool {
  const translate = (error: unknown): unknown => {
    if (classifyDatabaseFailure(error) === null) return error;
    onUnavailable?.(error);
    return new AppError('database_unavailable', {}, { cause: error });
  };
  // kysely keys its connections by client object, so each pg client keeps one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // pg's pool listens for errors of idle clients only: a connection that dies while checked out
    // between two queries would otherwise crash the process. Its next query fails ("not
    // queryable", reported as database_unavailable) and the pool drops it on release.
    client.on('error', () => {});
    function query<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query(text: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>): unknown {
      // Cursors (streamed queries) report their errors on read, and pass through untouched.
      if (typeof text !== 'string') return client.query(text as unknown as pg.Submittable);
      return client.query(text, [...(parameters ?? [])]).catch((error: unknown) => {
        throw translate(error);
      });
    }
    return { query, release: () => client.release() };
  };
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
