import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../adapters/log/create-logger.js';
import { scrubSecrets } from '../../../adapters/log/redaction.js';
import { Secret } from '../../../src/domain/secret.js';

const CANARY = 'CANARY-PRIVATE-KEY-7f3a9c';

function memoryStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'psa-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('logger', () => {
  it('never writes a secret, whatever shape it is logged in', () => {
    const sink = memoryStream();
    const logger = createLogger({ level: 'debug', destination: { kind: 'stream', stream: sink.stream } });
    logger.info({ privateKey: CANARY }, 'flat');
    logger.info({ headers: { authorization: `Basic ${CANARY}`, 'x-slack-signature': CANARY } }, 'headers');
    logger.info({ request: { headers: { ApiIntegrationCode: CANARY, Secret: CANARY } } }, 'autotask');
    logger.info({ credentials: { site: 'example', privateKey: CANARY } }, 'credentials');
    logger.info({ deep: { a: { b: { c: { d: { client_secret: CANARY, password: CANARY } } } } } }, 'deep');
    logger.info({ list: [{ token: CANARY }], wrapped: new Secret(CANARY) }, 'list');
    logger.child({ 'Private-Key': CANARY }).warn({}, 'child bindings');
    const text = sink.text();
    expect(text.split('\n').filter(Boolean)).toHaveLength(7);
    expect(text).not.toContain(CANARY);
    expect(text).toContain('[redacted]');
  });

  it('keeps ordinary fields and honours the level', () => {
    const sink = memoryStream();
    const logger = createLogger({ level: 'warn', destination: { kind: 'stream', stream: sink.stream } });
    logger.info({ runId: 'r1' }, 'hidden');
    logger.warn({ runId: 'r2', companies: 3 }, 'shown');
    const lines = sink.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'warn',
      runId: 'r2',
      companies: 3,
      msg: 'shown',
    });
  });

  it('writes to a file, creating its folder', async () => {
    const path = join(dir, 'nested', 'psa-import.log');
    const logger = createLogger({ level: 'info', destination: { kind: 'file', path } });
    logger.info({ secret: CANARY, runId: 'r3' }, 'to file');
    logger.flush();
    const text = await readFile(path, 'utf8');
    expect(text).toContain('r3');
    expect(text).not.toContain(CANARY);
  });

  it('creates the log file readable by its owner only, whatever the umask', async () => {
    const path = join(dir, 'owner-only.log');
    const previous = process.umask(0o022);
    try {
      const logger = createLogger({ level: 'info', destination: { kind: 'file', path } });
      logger.info({}, 'hello');
      logger.flush();
    } finally {
      process.umask(previous);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('scrubs cycles and deep objects without throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(scrubSecrets(cyclic)).toEqual({ name: 'a', self: '[circular]' });
  });
});
