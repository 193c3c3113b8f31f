import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, inject, it } from 'vitest';
import type { DialectName } from '../../adapters/storage/dialect-traits.js';
import { openStorage } from '../../adapters/storage/open-storage.js';
import type { Database } from '../../adapters/storage/schema.js';
import type { Storage } from '../../src/ports/storage.js';

export interface TestStorage {
  readonly storage: Storage;
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Closes the connection and deletes the database. */
  close(): Promise<void>;
}

export interface StorageDialect {
  readonly name: DialectName;
  /**
   * A fresh database of its own: a temporary SQLite file or a new PostgreSQL schema; migrated
   * unless `migrate` is false (migration tests bring it to an older schema themselves).
   */
  open(options?: { migrate?: boolean }): Promise<TestStorage>;
}

/**
 * The dialects available to this run, for `describe.each(storageDialects())('… on $name', …)`.
 * When PostgreSQL is unavailable, registers a skipped test that says why, so the gap is visible.
 */
export function storageDialects(): StorageDialect[] {
  const sqlite: StorageDialect = { name: 'sqlite', open: openSqlite };
  const url = postgresUrl();
  if (url === null) {
    it.skip(`postgres: ${inject('pgSkipReason') ?? 'PostgreSQL is not available'}`, () => {});
    return [sqlite];
  }
  return [sqlite, { name: 'postgres', open: (options) => openPostgres(url, options?.migrate ?? true) }];
}

/**
 * Opens a fresh database before each test of the enclosing describe and closes it after; call the
 * returned function inside a test or hook to get it.
 */
export function useTestStorage(dialect: StorageDialect): () => TestStorage {
  let opened: TestStorage | undefined;
  beforeEach(async () => {
    opened = await dialect.open();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return () => {
    if (!opened) throw new Error('useTestStorage: the database is open only inside tests and hooks');
    return opened;
  };
}

function postgresUrl(): string | null {
  return inject('pgUrl') ?? process.env.PG_TEST_URL ?? null;
}

async function openSqlite(options?: { migrate?: boolean }): Promise<TestStorage> {
  const dir = mkdtempSync(join(tmpdir(), 'psa-sqlite-'));
  const opened = await openStorage(join(dir, 'test.db'), { migrate: options?.migrate ?? true });
  return {
    ...opened,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A schema of its own (much cheaper than a database), made the connection's search_path. */
async function openPostgres(serverUrl: string, migrate: boolean): Promise<TestStorage> {
  const schema = `t_${randomBytes(8).toString('hex')}`;
  await onServer(serverUrl, `create schema ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const drop = () => onServer(serverUrl, `drop schema if exists ${schema} cascade`);
  try {
    const opened = await openStorage(url.toString(), { migrate, poolSize: 20 });
    return {
      ...opened,
      close: async () => {
        await opened.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
