import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../adapters/boot/cli/main.js';
import { openStorage } from '../../../../adapters/storage/open-storage.js';

const CANARY = 'CanaryPrivateKey-cli-0b7e';

let dir: string;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function cli(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  const code = await main(argv, {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    env: {
      DATABASE_URL: join(dir, 'psa.db'),
      BOOTSTRAP_ADMINS: 'terminal:local:alice:Alice',
      LOG_FILE: join(dir, 'cli.log'),
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    cwd: dir,
    signal: new AbortController().signal,
    sandboxTuning: { connectwisePort: port, connectwisePrivateKey: CANARY },
  });
  return { code, out, err };
}

async function auditCount(): Promise<number> {
  const opened = await openStorage(join(dir, 'psa.db'));
  try {
    const tenant = await opened.storage.repos.tenants.findByWorkspace('terminal', 'local');
    return tenant === null ? 0 : (await opened.storage.repos.audit.list(tenant.id, null, 1000)).length;
  } finally {
    await opened.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'psa-cli-'));
  port = await freePort();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('psa-import command line', () => {
  it('migrates, then finds nothing left to run', async () => {
    const first = await cli(['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Ran \d+ migration\(s\):\n {2}\S+/);
    expect((await cli(['migrate'])).out).toBe('The database is up to date; no migration ran.\n');
  });

  it('imports managed companies from a CSV file, skipping those present', async () => {
    const file = join(dir, 'companies.csv');
    await writeFile(file, '\uFEFFname,notes\r\n"ACME Inc","our, oldest"\r\nGlobex\r\n\r\n');
    const first = await cli(['companies', 'import', file]);
    expect(first).toMatchObject({ code: 0, out: 'Added 2 managed companies; skipped 0 already present.\n' });
    expect((await cli(['companies', 'import', file])).out).toBe(
      'Added 0 managed companies; skipped 2 already present.\n',
    );
  });

  it('connects from stdin and prints a read-only diff that writes nothing', async () => {
    const site = `http://127.0.0.1:${port}`;
    const credentials = {
      site,
      companyId: 'sandboxmsp',
      publicKey: 'SandboxPublicKey01',
      privateKey: CANARY,
      clientId: '00000000-0000-4000-8000-00000000c0de',
    };
    const connected = await cli(['connect', 'connectwise', '--stdin'], {
      stdin: JSON.stringify(credentials),
    });
    expect(connected.err).toBe('');
    expect(connected.out).toContain('Connected terminal:local to connectwise');

    const before = await auditCount();
    const csv = await cli(['diff', 'connectwise', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.out.trimEnd().split('\r\n');
    expect(lines[0]).toBe('psa_id,name,status,reason,candidates,psa_type,psa_active,last_import');
    expect(lines.some((line) => line.includes('potential-duplicate') && line.includes('ACME Inc'))).toBe(
      true,
    );

    const json = await cli(['diff', 'connectwise', '--format', 'json']);
    const parsed = JSON.parse(json.out) as { status: string }[];
    expect(parsed.length).toBe(lines.length - 1);
    expect(await auditCount()).toBe(before);

    expect(await readFile(join(dir, 'cli.log'), 'utf8')).not.toContain(CANARY);
    expect((await readFile(join(dir, 'psa.db'))).toString('latin1')).not.toContain(CANARY);
  });

  it('refuses a secret on the command line without echoing it', async () => {
    const result = await cli(['connect', 'connectwise', `privateKey=${CANARY}`]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('never read from command-line arguments');
    expect(result.err + result.out).not.toContain(CANARY);
  });

  it('names every bad variable and prints no stack trace', async () => {
    const result = await cli(['migrate'], { env: { PORT: 'eighty', LOG_LEVEL: 'chatty' } });
    expect(result.code).toBe(2);
    expect(result.err).toContain('PORT');
    expect(result.err).toContain('LOG_LEVEL');
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('words core errors with messageFor', async () => {
    const result = await cli(['diff', 'kaseya']);
    expect(result).toMatchObject({
      code: 1,
      err: 'Unknown PSA provider\nUse `connectwise`, `autotask` or `halopsa`.\n',
    });
    expect((await cli(['help'])).out).toContain('psa-import diff <provider>');
  });
});
