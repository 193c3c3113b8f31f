/**
 * The page-parser pool's side of the protocol, against a plain-JavaScript worker that answers as
 * servePageParser does: results come back to the right caller, a rejection keeps its reason, an
 * unexpected failure or a dead worker is `internal`, and a missing worker file means inline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createPageParserPool } from '../../../../adapters/psa/shared/page-parser-pool.js';
import { PageRejected } from '../../../../adapters/psa/shared/page-rejected.js';
import { isAppError } from '../../../../src/domain/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'page-pool-'));
const workerFile = join(dir, 'echo-worker.mjs');
writeFileSync(
  workerFile,
  `import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id, bytes, job }) => {
  if (job === 'die') process.exit(3);
  if (job === 'reject') return parentPort.postMessage({ id, ok: false, rejected: 'body is not JSON' });
  if (job === 'fail') return parentPort.postMessage({ id, ok: false, rejected: null });
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  parentPort.postMessage({ id, ok: true, result: text + ':' + job });
});
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inline = (bytes: Uint8Array, job: string) => `${Buffer.from(bytes).toString('utf8')}:${job}:inline`;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('page-parser pool', () => {
  it('hands each page to a worker and each result back to its caller', async () => {
    const pool = createPageParserPool({ workerUrl: pathToFileURL(workerFile), inline, size: 2 });
    expect(pool.offThread).toBe(true);
    const pages = await Promise.all(
      ['a', 'b', 'c', 'd'].map((text, index) => pool.parse(Buffer.from(text.repeat(5000)), String(index))),
    );
    expect(pages.map((page) => page.slice(-7))).toEqual(['aaaaa:0', 'bbbbb:1', 'ccccc:2', 'ddddd:3']);
    await pool.close();
  });

  it('copies a view into a shared buffer instead of detaching its neighbours', async () => {
    const pool = createPageParserPool({ workerUrl: pathToFileURL(workerFile), inline, size: 1 });
    const small = Buffer.from('small');
    const neighbour = Buffer.from('neighbour');
    expect(await pool.parse(small, 'x')).toBe('small:x');
    expect(small.toString()).toBe('small');
    expect(neighbour.toString()).toBe('neighbour');
    await pool.close();
  });

  it('keeps a rejection reason, and makes an unexpected failure internal', async () => {
    const pool = createPageParserPool({ workerUrl: pathToFileURL(workerFile), inline, size: 1 });
    const rejected = await failure(pool.parse(Buffer.from('x'), 'reject'));
    expect(rejected).toBeInstanceOf(PageRejected);
    expect((rejected as PageRejected).reason).toBe('body is not JSON');
    const failed = await failure(pool.parse(Buffer.from('x'), 'fail'));
    expect(isAppError(failed) && failed.code).toBe('internal');
    await pool.close();
  });

  it('fails the pages of a worker that dies with internal, and starts a new one for the next', async () => {
    const pool = createPageParserPool({ workerUrl: pathToFileURL(workerFile), inline, size: 1 });
    const died = await failure(pool.parse(Buffer.from('x'), 'die'));
    expect(isAppError(died) && died.code).toBe('internal');
    expect(await pool.parse(Buffer.from('again'), 'ok')).toBe('again:ok');
    await pool.close();
  });

  it('stops a worker that has had no page for idleMs, and starts one again for the next page', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const pool = createPageParserPool({
        workerUrl: pathToFileURL(workerFile),
        inline,
        size: 1,
        idleMs: 1_000,
      });
      expect(await pool.parse(Buffer.from('one'), 'a')).toBe('one:a');
      expect(pool.workers).toBe(1);
      vi.advanceTimersByTime(999);
      expect(pool.workers).toBe(1);
      // A page in time keeps the worker: its idle clock starts again when the page is answered.
      expect(await pool.parse(Buffer.from('two'), 'b')).toBe('two:b');
      vi.advanceTimersByTime(999);
      expect(pool.workers).toBe(1);
      vi.advanceTimersByTime(1);
      expect(pool.workers).toBe(0);
      expect(await pool.parse(Buffer.from('three'), 'c')).toBe('three:c');
      expect(pool.workers).toBe(1);
      await pool.close();
      expect(pool.workers).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('parses inline when the worker file is not there (the TypeScript sources)', async () => {
    const pool = createPageParserPool({
      workerUrl: pathToFileURL(join(dir, 'missing-worker.js')),
      inline,
    });
    expect(pool.offThread).toBe(false);
    expect(await pool.parse(Buffer.from('page'), 'job')).toBe('page:job:inline');
  });
});
