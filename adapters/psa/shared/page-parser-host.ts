/**
 * The worker side of page-parser-pool.ts: answers each page the pool sends with the parser's
 * result, or with the reason it was rejected. A provider's worker file is one line:
 *
 *   servePageParser(parseContactPage);
 */
import { parentPort } from 'node:worker_threads';
import { PageRejected } from './page-rejected.js';

export interface PageJob<J> {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly job: J;
}

export type PageAnswer<R> =
  | { readonly id: number; readonly ok: true; readonly result: R }
  | { readonly id: number; readonly ok: false; readonly rejected: string | null };

export type PageParser<J, R> = (bytes: Uint8Array, job: J) => R;

/** Runs `parse` on every page posted to this worker; unexpected failures answer `rejected: null`. */
export function servePageParser<J, R>(parse: PageParser<J, R>): void {
  const port = parentPort;
  if (port === null) throw new Error('servePageParser runs in a worker thread');
  port.on('message', ({ id, bytes, job }: PageJob<J>) => {
    let answer: PageAnswer<R>;
    try {
      answer = { id, ok: true, result: parse(bytes, job) };
    } catch (error) {
      answer = { id, ok: false, rejected: error instanceof PageRejected ? error.reason : null };
    }
    port.postMessage(answer);
  });
}
