import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
    await writeFile(file, '\uFEFFname,notes\r\n"ACME Inc","our, oldest"\r\nGlobex\r\nGlobex Corp.\r\n\r\n');
    const first = await cli(['companies', 'import', file]);
    expect(first).toMatchObject({
      code: 0,
      out: 'Added 2 managed companies; 1 row not added:\n  line 4 "Globex Corp.": the same name as "Globex" once normalised\n',
    });
    await writeFile(file, 'name\n"Acme, Inc."\nGlobex\n');
    expect((await cli(['companies', 'import', file])).out).toBe(
      'Added 0 managed companies; 2 rows not added:\n' +
        '  line 2 "Acme, Inc.": the same name as "ACME Inc" once normalised\n' +
        '  line 3 "Globex": the same name as "Globex" once normalised\n',
    );
  });

  it('imports a domain column, reporting a refused domain by line and adding the other rows', async () => {
    const file = join(dir, 'domains.csv');
    await writeFile(
      file,
      'name,domain\nHooli,hooli.com;hooli.io\nFree Mail Co,gmail.com\nBroken Co,"not a domain"\n',
    );
    expect((await cli(['companies', 'import', file])).out).toBe(
      'Added 1 managed company; 2 rows not added:\n' +
        '  line 3 "Free Mail Co": the domain "gmail.com" is refused: a free-mail domain never identifies a client\n' +
        '  line 4 "Broken Co": the domain "not" is refused: give a domain such as acme.com\n',
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

describe('psa-import command line on a fresh database', () => {
  let fresh: string;
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: join(fresh, 'data', 'psa.db'),
    BOOTSTRAP_ADMINS: '',
    LOG_FILE: join(fresh, 'fresh.log'),
    ...extra,
  });
  const credentials = () =>
    JSON.stringify({
      site: `http://127.0.0.1:${port}`,
      companyId: 'sandboxmsp',
      publicKey: 'SandboxPublicKey01',
      privateKey: CANARY,
      clientId: '00000000-0000-4000-8000-00000000c0de',
    });

  beforeAll(async () => {
    fresh = await mkdtemp(join(tmpdir(), 'psa-cli-fresh-'));
  });
  afterAll(async () => {
    await rm(fresh, { recursive: true, force: true });
  });

  it('imports a CSV before `npm start` ever ran, reporting every row it did not add', async () => {
    const file = join(fresh, 'latin1.csv');
    // "Initech" is one of the sandbox tenant's existing managed companies.
    const text =
      'name,domain\nSociété Générale,sg.test\n,empty.test\nSOCIÉTÉ GÉNÉRALE,dup.test\nInitech,i.test\n';
    await writeFile(file, Buffer.from(text, 'latin1'));
    const result = await cli(['companies', 'import', file], { env: env() });
    expect(result.err).toMatch(/^Warning: The file is not valid UTF-8; it was read as Windows-1252/);
    expect(result).toMatchObject({
      code: 0,
      out:
        'Added 1 managed company; 3 rows not added:\n' +
        '  line 3: the name is empty\n' +
        '  line 4 "SOCIÉTÉ GÉNÉRALE": repeats line 2\n' +
        '  line 5 "Initech": the same name as "Initech" once normalised\n',
    });
    const opened = await openStorage(join(fresh, 'data', 'psa.db'));
    try {
      const tenant = await opened.storage.repos.tenants.findByWorkspace('terminal', 'local');
      const names = (await opened.storage.repos.companies.listAll(tenant?.id ?? '')).map((c) => c.name);
      expect(names).toContain('Société Générale');
      expect(names.join()).not.toContain('\uFFFD');
    } finally {
      await opened.close();
    }
  });

  it('creates the database, key and log files readable by their owner only', async () => {
    for (const name of ['data/psa.db', 'data/encryption.key', 'fresh.log']) {
      expect({ name, mode: (await stat(join(fresh, name))).mode & 0o777 }).toEqual({ name, mode: 0o600 });
    }
  });

  it('connects from stdin, and a diff never prints a refused filter', async () => {
    const connected = await cli(['connect', 'connectwise', '--stdin'], { stdin: credentials(), env: env() });
    expect(connected).toMatchObject({ code: 0, err: '' });
    const secretLike = 'AbCd1234EfGh5678';
    const diff = await cli(['diff', 'connectwise', secretLike], { env: env() });
    expect(diff.code).toBe(1);
    expect(diff.err).toMatch(/^That did not work: unknown filter/);
    expect(diff.err + diff.out).not.toContain(secretLike);
    expect(await readFile(join(fresh, 'fresh.log'), 'utf8')).not.toContain(secretLike);
  });

  it('says stored credentials cannot be decrypted under another ENCRYPTION_KEY', async () => {
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    const diff = await cli(['diff', 'connectwise'], { env: env({ ENCRYPTION_KEY: otherKey }) });
    expect(diff).toMatchObject({
      code: 1,
      err:
        "The stored credentials can't be decrypted with the current ENCRYPTION_KEY\n" +
        'Restore the key the credentials were saved with, or run `/psa connect <provider>` again.\n',
    });
  });

  it('refuses to replace a missing key file while sealed credentials exist', async () => {
    const keyFile = join(fresh, 'data', 'encryption.key');
    await rm(keyFile);
    const diff = await cli(['diff', 'connectwise'], { env: env() });
    expect(diff.code).toBe(2);
    expect(diff.err).toContain(`The key file ${keyFile} is missing`);
    expect(diff.err).toContain('no new key was generated');
    await expect(stat(keyFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says there is no tenant yet, and how to make one, without the sandbox', async () => {
    const file = join(fresh, 'one.csv');
    await writeFile(file, 'name\nAcme\n');
    const result = await cli(['companies', 'import', file], {
      env: env({ DATABASE_URL: join(fresh, 'other', 'psa.db'), SANDBOX_PSA: 'off' }),
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'No tenant for terminal:local yet: add terminal:local:<admin user id> to BOOTSTRAP_ADMINS',
    );
  });

  it('fails start on an unreachable PostgreSQL with the cause, logged at error level', async () => {
    const closed = await freePort();
    const result = await cli(['migrate'], {
      env: env({
        DATABASE_URL: `postgres://psa:${CANARY}@127.0.0.1:${closed}/psa`,
        ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
        LOG_LEVEL: 'info',
      }),
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Could not reach the PostgreSQL server in DATABASE_URL/);
    expect(result.err).not.toContain(CANARY);
    const log = (await readFile(join(fresh, 'fresh.log'), 'utf8')).trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(log)).toMatchObject({
      level: 'error',
      cause: 'unreachable',
      err: { code: 'ECONNREFUSED' },
    });
    expect(log).not.toContain(CANARY);
  });
});
