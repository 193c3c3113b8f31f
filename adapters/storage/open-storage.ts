import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Storage } from '../../src/ports/storage.js';
import { parseDatabaseUrl } from './database-url.js';
import { type DialectName, dialectTraits } from './dialect-traits.js';
import { createStorage } from './kysely-storage.js';
import { migrateToLatest } from './migrator.js';
import type { Database } from './schema.js';

export interface OpenStorageOptions {
  /** Run pending migrations before returning (default false: boot and `psa-import migrate` do it). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** SQLite: how long to wait for another process's write lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Called with errors of idle PostgreSQL connections, which would otherwise crash the process. */
  readonly onPoolError?: (error: Error) => void;
}

export interface OpenedStorage {
  readonly storage: Storage;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Names of the migrations this call ran (empty unless `migrate` was set). */
  readonly migrated: readonly string[];
  close(): Promise<void>;
}

/**
 * Opens DATABASE_URL (see parseDatabaseUrl). Error messages never include the URL: it may carry a
 * password.
 */
export async function openStorage(
  databaseUrl: string,
  options: OpenStorageOptions = {},
): Promise<OpenedStorage> {
  const target = parseDatabaseUrl(databaseUrl);
  const db =
    target.dialect === 'sqlite'
      ? new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(target.path, options) }) })
      : new Kysely<Database>({
          dialect: new PostgresDialect({ pool: openPool(target.connectionString, options) }),
        });
  try {
    const migrated = options.migrate ? await migrateToLatest(db) : [];
    let closing: Promise<void> | undefined;
    return {
      storage: createStorage(db, dialectTraits(target.dialect)),
      db,
      dialect: target.dialect,
      migrated,
      // Idempotent: shutdown paths often close twice, and pg's pool throws on a second end().
      close: () => {
        closing ??= db.destroy();
        return closing;
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function openSqlite(path: string, options: OpenStorageOptions): BetterSqlite3.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const sqlite = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  // Safe with WAL: a power loss may drop the last commits but never corrupts the file.
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache: with the 2 MiB default, an import of 50,000 users spills pages to disk
  // mid-transaction and takes twice as long.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

function openPool(connectionString: string, options: OpenStorageOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}
