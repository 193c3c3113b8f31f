/**
 * The process's ConnectWise contact-page parsers, shared by every session: workers start with the
 * first big contact read and idle ones cost nothing but memory.
 */
import { createPageParserPool, type PageParserPool } from '../shared/page-parser-pool.js';
import { type ContactPage, type ContactPageJob, parseContactPage } from './contact-page.js';

let pool: PageParserPool<ContactPageJob, ContactPage> | null = null;

export function contactPages(): PageParserPool<ContactPageJob, ContactPage> {
  pool ??= createPageParserPool({
    workerUrl: new URL('./contact-page-worker.js', import.meta.url),
    inline: parseContactPage,
    // The pool's default size (a core each, less the event loop's). Two parsers on two cores were
    // slower, not faster: fetch 1.61-1.71x the ideal against 1.46-1.48x with one, and +15 MB RSS.
  });
  return pool;
}
