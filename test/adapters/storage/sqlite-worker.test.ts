import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteWorker, SqliteWorkerError } from '../../../adapters/storage/sqlite-worker.js';
import { sqliteWorkerDialect } from '../../../adapters/storage/sqlite-worker-dialect.js';

interface Db {
  items: { id: number; name: string };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SQLite in a worker thread, behind kysely', () => {
  let dir: string;
  let worker: SqliteWorker;
  let db: Kysely<Db>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psa-sqlite-worker-'));
    worker = await SqliteWorker.open(join(dir, 'w.db'), { busyTimeoutMs: 1000, autoCheckpoint: true });
    db = new Kysely<Db>({ dialect: sqliteWorkerDialect(worker) });
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .execute();
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const names = async () =>
    (await db.selectFrom('items').select('name').orderBy('id').execute()).map((r) => r.name);

  it('returns rows, changed-row counts and insert ids', async () => {
    const inserted = await db
      .insertInto('items')
      .values([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ])
      .executeTakeFirstOrThrow();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    expect(inserted.insertId).toBe(2n);
    const updated = await db.updateTable('items').set({ name: 'uno' }).where('id', '=', 1).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('items').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'uno' },
      { id: 2, name: 'two' },
    ]);
  });

  it('commits a transaction whole, and rolls every write back when the work throws', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'kept' }).execute();
    });
    const failure = new Error('boom');
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'dropped' }).execute();
        await trx.updateTable('items').set({ name: 'changed' }).where('id', '=', 1).execute();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await names()).toEqual(['kept']);
  });

  it('keeps other queries out of an open transaction until it ends', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'inside' }).execute();
      await held;
      await trx.insertInto('items').values({ id: 2, name: 'still inside' }).execute();
    });
    await tick();
    let outsideDone = false;
    const outside = db
      .insertInto('items')
      .values({ id: 3, name: 'outside' })
      .execute()
      .then(() => {
        outsideDone = true;
      });
    for (let i = 0; i < 5; i++) await tick();
    expect(outsideDone).toBe(false);
    release();
    await transaction;
    await outside;
    expect(await names()).toEqual(['inside', 'still inside', 'outside']);
  });

  it('rejects with SQLite message and code, and the connection goes on working', async () => {
    await db.insertInto('items').values({ id: 1, name: 'same' }).execute();
    const error = await db
      .insertInto('items')
      .values({ id: 2, name: 'same' })
      .execute()
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(SqliteWorkerError);
    expect(error).toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: expect.stringContaining('UNIQUE'),
    });
    await expect(sql`select nonsense from nowhere`.execute(db)).rejects.toThrow(/no such table/);
    expect(await names()).toEqual(['same']);
  });

  it('rolls back a transaction whose statement fails inside SQLite', async () => {
    await db.insertInto('items').values({ id: 1, name: 'a' }).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'b' }).execute();
        await trx.insertInto('items').values({ id: 3, name: 'a' }).execute();
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await names()).toEqual(['a']);
  });

  it('streams a query in chunks and stops reading when the consumer stops', async () => {
    await db
      .insertInto('items')
      .values(Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `n${i + 1}` })))
      .execute();
    const seen: number[] = [];
    for await (const row of db.selectFrom('items').select('id').orderBy('id').stream(10)) {
      seen.push(row.id);
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const firstThree: number[] = [];
    for await (const row of db.selectFrom('items').select('id').orderBy('id').stream(2)) {
      firstThree.push(row.id);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual([1, 2, 3]);
    // The abandoned cursor is closed: the same statement runs again, and writes go through.
    await db.deleteFrom('items').where('id', '>', 20).execute();
    expect(await names()).toHaveLength(20);
  });

  it('leaves the event loop free while a long statement runs', async () => {
    let turns = 0;
    let done = false;
    const long = sql<{ n: number }>`
      with recursive c(x) as (select 1 union all select x + 1 from c where x < 300000)
      select count(*) as n from c`
      .execute(db)
      .finally(() => {
        done = true;
      });
    while (!done) {
      await tick();
      turns += 1;
    }
    expect((await long).rows[0]?.n).toBe(300_000);
    // On the event loop (better-sqlite3 directly) the statement would finish before one turn.
    expect(turns).toBeGreaterThan(1);
  });

  it('caches a big statement only once its text comes back, within a budget of SQL text', async () => {
    // A 1,000-row insert's text: over the 2,000 characters that make a statement big.
    const bigInsert = (offset: number, rows: number) =>
      db
        .insertInto('items')
        .values(Array.from({ length: rows }, (_, i) => ({ id: offset + i, name: `n${offset + i}` })));
    const before = await worker.memory();
    await bigInsert(0, 1_000).execute();
    const once = await worker.memory();
    expect(once.statements).toBe(before.statements);
    await db.deleteFrom('items').execute();
    await bigInsert(0, 1_000).execute();
    const twice = await worker.memory();
    expect(twice.statements).toBe(before.statements + 2);
    expect(twice.statementChars).toBeGreaterThan(once.statementChars + 2_000);
    // Forty shapes of ~9,000 characters each, run twice: more text than the cache may hold.
    for (let rows = 950; rows < 990; rows++) {
      await bigInsert(10_000 + rows * 1_000, rows).execute();
      await db.deleteFrom('items').where('id', '>=', 10_000).execute();
      await bigInsert(10_000 + rows * 1_000, rows).execute();
    }
    const full = await worker.memory();
    expect(full.statementChars).toBeLessThanOrEqual(256 * 1024);
    expect(full.statements).toBeLessThan(40);
    expect(full.heapUsed).toBeGreaterThan(0);
    expect(full.heapTotal).toBeGreaterThanOrEqual(full.heapUsed);
  });

  it('counts its requests, their time and the statements it compiled, once per text', async () => {
    const before = worker.activity();
    const insert = (id: number) =>
      db
        .insertInto('items')
        .values({ id, name: `n${id}` })
        .execute();
    await insert(1);
    const first = worker.activity();
    expect(first.requests).toBe(before.requests + 1);
    expect(first.prepares).toBe(before.prepares + 1);
    expect(first.busyMs).toBeGreaterThan(before.busyMs);
    // The same text with other values runs the cached statement; a new text compiles once.
    await insert(2);
    await insert(3);
    await names();
    await names();
    const after = worker.activity();
    expect(after.requests).toBe(first.requests + 4);
    expect(after.prepares).toBe(first.prepares + 1);
    // A failing request is not counted as answered.
    await expect(insert(3)).rejects.toThrow();
    expect(worker.activity().requests).toBe(after.requests);
  });

  it('refuses queries once closed, and closing twice is fine', async () => {
    await worker.close();
    await worker.close();
    await expect(worker.run('select 1', [])).rejects.toThrow(/closed|stopped/);
  });
});

describe('opening SQLite in a worker thread', () => {
  it('rejects with the reason when SQLite cannot open the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psa-sqlite-worker-'));
    try {
      await expect(
        SqliteWorker.open(join(dir, 'missing', 'deeper', 'w.db'), {
          busyTimeoutMs: 100,
          autoCheckpoint: true,
        }),
      ).rejects.toThrow(/directory does not exist|unable to open/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
