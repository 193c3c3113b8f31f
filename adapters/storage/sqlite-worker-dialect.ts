import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { SqliteWorker } from './sqlite-worker.js';

/** kysely's connection over the worker: each query is one request to the thread. */
class WorkerConnection implements DatabaseConnection {
  constructor(private readonly worker: SqliteWorker) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.worker.run(compiled.sql, compiled.parameters);
    if (result.changes === undefined) return { rows: result.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(result.changes),
      ...(result.lastInsertRowid === undefined ? {} : { insertId: BigInt(result.lastInsertRowid) }),
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('the SQLite driver streams only select queries');
    for await (const rows of this.worker.stream(compiled.sql, compiled.parameters, chunkSize)) {
      yield { rows: rows as R[] };
    }
  }
}

/**
 * SQLite has one connection: a transaction holds it from `begin` to `commit`, and everyone else
 * waits their turn here, as with kysely's own SQLite driver. Queued in order, so no one starves.
 */
class ConnectionQueue {
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  async acquire(): Promise<void> {
    const previous = this.tail;
    let release = (): void => {};
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
  }

  free(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

class WorkerDriver implements Driver {
  private readonly queue = new ConnectionQueue();
  private readonly connection: WorkerConnection;

  constructor(private readonly worker: SqliteWorker) {
    this.connection = new WorkerConnection(worker);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.queue.acquire();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.queue.free();
  }

  destroy(): Promise<void> {
    return this.worker.close();
  }
}

/** kysely's SQLite dialect, with the statements run by `worker` instead of on the event loop. */
export function sqliteWorkerDialect(worker: SqliteWorker): Dialect {
  return {
    createAdapter: (): DialectAdapter => new SqliteAdapter(),
    createDriver: (): Driver => new WorkerDriver(worker),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new SqliteIntrospector(db),
  };
}
