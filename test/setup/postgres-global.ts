import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup: provides `pgUrl` to the tests. PG_TEST_URL wins; otherwise a throwaway
 * PostgreSQL cluster is started from the Debian binaries and removed afterwards. Without either,
 * PostgreSQL suites are skipped, unless REQUIRE_POSTGRES=1 (CI), which fails the run.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
    /** Why pgUrl is null, shown as the name of a skipped test. */
    pgSkipReason: string | null;
  }
}

const run = promisify(execFile);

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.PG_TEST_URL;
  project.provide('pgSkipReason', null);
  if (given) {
    project.provide('pgUrl', given);
    return undefined;
  }
  const binDir = findPostgresBinDir();
  if (!binDir) return skip(project, 'no PostgreSQL binaries found and PG_TEST_URL is not set');
  let cluster: Cluster;
  try {
    cluster = await startCluster(binDir);
  } catch (error) {
    const firstLine = String(error).split('\n')[0];
    return skip(project, `the throwaway PostgreSQL cluster did not start: ${firstLine}`);
  }
  project.provide('pgUrl', cluster.url);
  // Fallback for code that runs outside vitest's inject (workers inherit this environment).
  process.env.PG_TEST_URL = cluster.url;
  return async () => {
    delete process.env.PG_TEST_URL;
    await cluster.stop();
  };
}

function skip(project: TestProject, reason: string): undefined {
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
  console.warn(`PostgreSQL tests are skipped: ${reason}`);
  project.provide('pgUrl', null);
  project.provide('pgSkipReason', reason);
  return undefined;
}

function findPostgresBinDir(): string | null {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

interface Cluster {
  readonly url: string;
  stop(): Promise<void>;
}

async function startCluster(binDir: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'psa-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: hand the folder to the postgres user and run as it.
  if (asRoot) chownSync(dir, ...(await postgresIds()));
  const exec = (bin: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(binDir, bin), ...args])
      : run(join(binDir, bin), args);
  const data = join(dir, 'data');
  const stop = async () => {
    await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await exec('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    const port = await startOnFreePort(exec, data, dir);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Another process may take the free port between the probe and the start, so try a few. */
async function startOnFreePort(
  exec: (bin: string, args: string[]) => Promise<unknown>,
  data: string,
  dir: string,
): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // Durability is pointless for a throwaway test cluster; these make it much faster.
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      await exec('pg_ctl', [
        '-D',
        data,
        '-o',
        settings,
        '-l',
        join(dir, 'postgres.log'),
        '-w',
        '-t',
        '30',
        'start',
      ]);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function postgresIds(): Promise<[number, number]> {
  const uid = await run('id', ['-u', 'postgres']);
  const gid = await run('id', ['-g', 'postgres']);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
}
