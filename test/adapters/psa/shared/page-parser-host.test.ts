/**
 * The worker side of the page-parser protocol: each page is answered with the parser's result,
 * a PageRejected with its reason, and any other failure with no reason at all (never the error's
 * text, which could hold PSA data).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const port = vi.hoisted(() => ({
  current: null as null | (EventEmitter & { postMessage: (m: unknown) => void }),
}));
vi.mock('node:worker_threads', () => ({
  get parentPort() {
    return port.current;
  },
}));

const { servePageParser } = await import('../../../../adapters/psa/shared/page-parser-host.js');
const { PageRejected } = await import('../../../../adapters/psa/shared/page-rejected.js');

describe('servePageParser', () => {
  it('answers each page with the result, the rejection reason, or no reason', () => {
    const answers: unknown[] = [];
    port.current = Object.assign(new EventEmitter(), {
      postMessage: (message: unknown) => answers.push(message),
    });
    servePageParser((bytes: Uint8Array, job: string) => {
      if (job === 'reject') throw new PageRejected('body is not JSON');
      if (job === 'boom') throw new Error('secret PSA text');
      return `${bytes.length}:${job}`;
    });
    port.current.emit('message', { id: 1, bytes: new Uint8Array(3), job: 'ok' });
    port.current.emit('message', { id: 2, bytes: new Uint8Array(0), job: 'reject' });
    port.current.emit('message', { id: 3, bytes: new Uint8Array(0), job: 'boom' });
    expect(answers).toEqual([
      { id: 1, ok: true, result: '3:ok' },
      { id: 2, ok: false, rejected: 'body is not JSON' },
      { id: 3, ok: false, rejected: null },
    ]);
  });

  it('refuses to run outside a worker thread', () => {
    port.current = null;
    expect(() => servePageParser(() => 0)).toThrow(/worker thread/);
  });
});
