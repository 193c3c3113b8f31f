import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../adapters/storage/open-storage.js';
import { startWalCheckpointer } from '../../../adapters/storage/wal-checkpointer.js';

describe('WAL checkpointer', () => {
  let dir: string;
  let file: string;
  let app: BetterSqlite3.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psa-wal-'));
    file = join(dir, 'psa.db');
    app = new BetterSqlite3(file);
    app.pragma('journal_mode = WAL');
    app.pragma('wal_autocheckpoint = 0');
    app.exec('create table t (id integer primary key, body text not null)');
  });
  afterEach(() => {
    if (app.open) app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (from: number, count: number): void => {
    const statement = app.prepare('insert into t (id, body) values (?, ?)');
    app.transaction(() => {
      for (let i = from; i < from + count; i++) statement.run(i, 'x'.repeat(200));
    })();
  };
  /** Frames in the WAL not yet copied into the database, as the app's connection sees them. */
  const framesBehind = (): number => {
    const [row] = app.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    return (row?.log ?? 0) - (row?.checkpointed ?? 0);
  };

  it('copies the WAL back into the database from its own connection', async () => {
    const checkpointer = startWalCheckpointer(file, { intervalMs: 3_600_000, pollMs: 3_600_000 });
    try {
      insert(1, 2000);
      expect(framesBehind()).toBeGreaterThan(0);
      const result = await checkpointer.checkpointNow();
      expect(result.busy).toBe(0);
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
      expect(framesBehind()).toBe(0);
    } finally {
      await checkpointer.stop();
    }
  });

  it('checkpoints on its own once the WAL grows', async () => {
    const checkpointer = startWalCheckpointer(file, { growthBytes: 1, pollMs: 5 });
    try {
      insert(1, 2000);
      // Waits for the worker rather than for a time: the test fails by timing out if it never acts.
      while (framesBehind() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(framesBehind()).toBe(0);
    } finally {
      await checkpointer.stop();
    }
  });

  it('loses nothing while the app writes during checkpoints, and stops cleanly', async () => {
    const checkpointer = startWalCheckpointer(file, { growthBytes: 1, pollMs: 1 });
    for (let round = 0; round < 50; round++) {
      insert(round * 100 + 1, 100);
      if (round % 10 === 0) await checkpointer.checkpointNow();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await checkpointer.stop();
    await checkpointer.stop();
    await expect(checkpointer.checkpointNow()).rejects.toThrow(/stopped/);
    app.close();
    const reopened = new BetterSqlite3(file, { readonly: true });
    try {
      expect(reopened.prepare('select count(*) as n, sum(id) as s from t').get()).toEqual({
        n: 5000,
        s: (5000 * 5001) / 2,
      });
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.close();
    }
  });

  it('tells its owner when the worker dies', async () => {
    const failures: Error[] = [];
    const checkpointer = startWalCheckpointer(join(dir, 'missing.db'), {}, (error) => failures.push(error));
    await expect(checkpointer.checkpointNow()).rejects.toThrow();
    expect(failures).toHaveLength(1);
    await checkpointer.stop();
  });
});

describe('openStorage on a SQLite file', () => {
  it('leaves checkpoints to the worker and folds the WAL back on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psa-wal-open-'));
    try {
      const file = join(dir, 'psa.db');
      const opened = await openStorage(file, { migrate: true });
      const pragma = async (text: string) =>
        Object.values((await sql.raw(`pragma ${text}`).execute(opened.db)).rows[0] as object)[0];
      expect(await pragma('wal_autocheckpoint')).toBe(0);
      await opened.close();
      const reopened = new BetterSqlite3(file, { readonly: true });
      try {
        expect(reopened.prepare('select count(*) as n from kysely_migration').get()).toMatchObject({
          n: expect.any(Number),
        });
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps automatic checkpoints on for :memory:', async () => {
    const opened = await openStorage(':memory:', { migrate: true });
    try {
      const rows = (await sql.raw('pragma wal_autocheckpoint').execute(opened.db)).rows;
      expect(Object.values(rows[0] as object)[0]).toBe(1000);
    } finally {
      await opened.close();
    }
  });
});
