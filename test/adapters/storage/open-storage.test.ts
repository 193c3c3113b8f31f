import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../adapters/storage/open-storage.js';
import { MIGRATIONS } from '../../../migrations/index.js';

describe('openStorage on SQLite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psa-open-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent folder, migrates on request and sets the connection pragmas', async () => {
    const file = join(dir, 'nested', 'deeper', 'psa.db');
    const opened = await openStorage(`sqlite://${file}`, { migrate: true, busyTimeoutMs: 1234 });
    try {
      expect(existsSync(file)).toBe(true);
      expect(opened.dialect).toBe('sqlite');
      expect(opened.migrated).toEqual(Object.keys(MIGRATIONS));
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(opened.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(1234);
      expect(await pragma('synchronous')).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('creates the database and its -wal and -shm files readable by their owner only', async () => {
    const file = join(dir, 'private', 'psa.db');
    const previous = process.umask(0o022);
    let opened: Awaited<ReturnType<typeof openStorage>> | undefined;
    try {
      opened = await openStorage(file, { migrate: true });
      await opened.storage.repos.tenants.insert({
        id: 't',
        name: 'T',
        approvalPolicy: 'self',
        createdAt: 'x',
      });
      for (const name of [file, `${file}-wal`, `${file}-shm`]) {
        expect({ name, mode: statSync(name).mode & 0o777 }).toEqual({ name, mode: 0o600 });
      }
      expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
      await opened?.close();
    }
  });

  it('keeps data in the file across openings and migrates only once', async () => {
    const file = join(dir, 'psa.db');
    const first = await openStorage(file, { migrate: true });
    await first.storage.repos.tenants.insert({ id: 't', name: 'T', approvalPolicy: 'self', createdAt: 'x' });
    await first.close();
    const second = await openStorage(`file:${file}`, { migrate: true });
    try {
      expect(second.migrated).toEqual([]);
      expect((await second.storage.repos.tenants.get('t'))?.name).toBe('T');
    } finally {
      await second.close();
    }
  });

  it('checkpoints a file on request and reports what its thread did; in memory there is no WAL', async () => {
    const opened = await openStorage(join(dir, 'psa.db'), { migrate: true });
    try {
      const before = opened.workerActivity();
      await opened.storage.repos.tenants.insert({
        id: 't',
        name: 'T',
        approvalPolicy: 'self',
        createdAt: 'x',
      });
      expect(opened.workerActivity()?.requests).toBeGreaterThan(before?.requests ?? Number.POSITIVE_INFINITY);
      const result = await opened.checkpoint();
      expect(result?.busy).toBe(0);
      expect(result?.log).toBeGreaterThan(0);
      expect(result?.checkpointed).toBe(result?.log);
    } finally {
      await opened.close();
    }
  });

  it('opens an in-memory database, and closes it idempotently', async () => {
    const opened = await openStorage(':memory:', { migrate: true });
    try {
      expect(await opened.storage.repos.companies.count('none')).toBe(0);
      expect(await opened.checkpoint()).toBeNull();
    } finally {
      await opened.close();
    }
    await expect(opened.close()).resolves.toBeUndefined();
  });
});

describe('openStorage on PostgreSQL', () => {
  it('fails without revealing the password of the URL', async () => {
    const failure = await openStorage('postgres://psa:canary-pw-8731@127.0.0.1:1/psa', {
      migrate: true,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const error = failure as Error;
    const text = [
      String(error),
      error.stack,
      JSON.stringify(error),
      String(error.cause),
      JSON.stringify(error.cause),
    ].join(' ');
    expect(text).not.toContain('canary-pw-8731');
  });
});
