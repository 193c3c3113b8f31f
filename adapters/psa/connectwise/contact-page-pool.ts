/**
 * The process's ConnectWise contact-page parsers, shared by every session: workers start with the
 * first big contact read and idle ones cost nothing but memory. Pages cross back packed
 * (contact-page-packing.ts) and are unpacked here.
 */
import { createPageParserPool, type PageParserPool } from '../shared/page-parser-pool.js';
import { type ContactPage, type ContactPageJob, parseContactPage } from './contact-page.js';
import { type PackedContactPage, packContactPage, unpackContactPage } from './contact-page-packing.js';

let pool: PageParserPool<ContactPageJob, PackedContactPage> | null = null;

export function contactPages(): PageParserPool<ContactPageJob, PackedContactPage> {
  pool ??= createPageParserPool({
    workerUrl: new URL('./contact-page-worker.js', import.meta.url),
    inline: (bytes, job) => packContactPage(parseContactPage(bytes, job)),
    // The pool's default size (a core each, less the event loop's). Two parsers on two cores were
    // slower, not faster: fetch 1.61-1.71x the ideal against 1.46-1.48x with one, and +15 MB RSS.
  });
  return pool;
}

/** One contact page parsed by the pool (off the event loop where the worker file exists). */
export async function parseContactPageOffThread(
  bytes: Uint8Array,
  job: ContactPageJob,
): Promise<ContactPage> {
  return unpackContactPage(await contactPages().parse(bytes, job));
}
