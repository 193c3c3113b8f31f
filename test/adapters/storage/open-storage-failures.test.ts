import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  classifyDatabaseFailure,
  DatabaseUnavailableError,
} from '../../../adapters/storage/database-failure.js';
import { openStorage } from '../../../adapters/storage/open-storage.js';
import { AppError } from '../../../src/domain/errors.js';

const CANARY = 'CANARYPW9431';

/** A loopback TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('openStorage when PostgreSQL cannot be used', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('says the server is unreachable when the port refuses, without the URL or its password', async () => {
    const port = await closedPort();
    const error = await failureOf(
      openStorage(`postgres://psa:${CANARY}@127.0.0.1:${port}/psa`, {
        migrate: true,
        connectTimeoutMs: 5000,
      }),
    );
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).kind).toBe('unreachable');
    expect((error as Error).message).toMatch(/Could not reach the PostgreSQL server in DATABASE_URL/);
    expect((error as Error).message).not.toContain(CANARY);
    expect((error as Error).message).not.toContain(String(port));
  });

  it('gives up on a server that accepts and never answers after the connect timeout', async () => {
    const server = await silentServer();
    cleanups.push(server.close);
    const error = await failureOf(
      openStorage(`postgres://psa:${CANARY}@127.0.0.1:${server.port}/psa`, {
        migrate: true,
        connectTimeoutMs: 200,
      }),
    );
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).kind).toBe('timeout');
    expect((error as Error).message).toMatch(/did not answer in time \(DATABASE_CONNECT_TIMEOUT_SECONDS/);
  });

  const pgUrl = inject('pgUrl') ?? process.env.PG_TEST_URL ?? null;
  describe.runIf(pgUrl !== null)('against a real server', () => {
    const server = (): URL => new URL(pgUrl ?? 'postgres://unused');

    it('says authentication failed for a role the server does not know', async () => {
      const url = server();
      url.username = 'no_such_role_psa';
      url.password = CANARY;
      const error = await failureOf(openStorage(url.toString(), { migrate: true }));
      expect((error as DatabaseUnavailableError).kind).toBe('authentication');
      expect((error as Error).message).toMatch(/refused the user name or password in DATABASE_URL/);
      expect((error as Error).message).not.toContain(CANARY);
    });

    it('says the database does not exist', async () => {
      const url = server();
      url.pathname = '/no_such_database_psa';
      const error = await failureOf(openStorage(url.toString(), { migrate: true }));
      expect((error as DatabaseUnavailableError).kind).toBe('unknown_database');
      expect((error as Error).message).toMatch(/does not exist on the PostgreSQL server/);
    });

    it('turns a later outage into database_unavailable and reports the cause', async () => {
      const upstream = server();
      // A loopback relay in front of the real server, so the test can take the server "away".
      const sockets = new Set<Socket>();
      const relay: Server = createServer((client) => {
        const target = connect(Number(upstream.port || 5432), upstream.hostname);
        sockets.add(client).add(target);
        client.pipe(target).pipe(client);
        client.on('error', () => target.destroy());
        target.on('error', () => client.destroy());
      });
      await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
      const viaRelay = new URL(upstream.toString());
      viaRelay.hostname = '127.0.0.1';
      viaRelay.port = String((relay.address() as { port: number }).port);
      const seen: unknown[] = [];
      const opened = await openStorage(viaRelay.toString(), {
        onUnavailable: (error) => seen.push(error),
        onPoolError: () => {},
        connectTimeoutMs: 2000,
      });
      try {
        const closed = new Promise<void>((done) => relay.close(() => done()));
        for (const socket of sockets) socket.destroy();
        await closed;
        const error = await failureOf(opened.storage.repos.tenants.findByWorkspace('slack', 'T1'));
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('database_unavailable');
        expect(seen.length).toBeGreaterThan(0);
        expect(classifyDatabaseFailure(seen[0])).not.toBeNull();
      } finally {
        await opened.close();
      }
    });
  });
});

describe('classifyDatabaseFailure', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each([
    [withCode('ECONNREFUSED'), 'unreachable'],
    [withCode('ENOTFOUND'), 'unreachable'],
    [new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), 'unreachable'],
    [withCode('28P01'), 'authentication'],
    [withCode('28000'), 'authentication'],
    [withCode('3D000'), 'unknown_database'],
    [withCode('57014'), 'timeout'],
    [new Error('timeout expired'), 'timeout'],
    [new Error('Connection terminated due to connection timeout'), 'timeout'],
    [new Error('Connection terminated unexpectedly'), 'lost'],
    [withCode('57P01'), 'lost'],
    [withCode('08006'), 'lost'],
    [new AppError('database_unavailable', {}, { cause: withCode('ECONNRESET') }), 'lost'],
  ])('reads %s as %s', (error, kind) => {
    expect(classifyDatabaseFailure(error)).toBe(kind);
  });

  it.each([[withCode('23505')], [withCode('SQLITE_BUSY')], [new Error('syntax error')], [null]])(
    'leaves %s alone',
    (error) => {
      expect(classifyDatabaseFailure(error)).toBeNull();
    },
  );
});
