/**
 * The process's ConnectWise contact-page parsers, shared by every session: workers start with the
 * first big contact read and idle ones cost nothing but memory.
 */
import { availableParallelism } from 'node:os';
import { createPageParserPool, type PageParserPool } from '../shared/page-parser-pool.js';
import { type ContactPage, type ContactPageJob, parseContactPage } from './contact-page.js';

let pool: PageParserPool<ContactPageJob, ContactPage> | null = null;

export function contactPages(): PageParserPool<ContactPageJob, ContactPage> {
  pool ??= createPageParserPool({
    workerUrl: new URL('./contact-page-worker.js', import.meta.url),
    inline: parseContactPage,
    // At least two, even on two cores: four pages land every ~50 ms and one parser (~10 ms a page)
    // would be the fetch's bottleneck, while the event loop mostly waits on sockets.
    size: Math.max(2, availableParallelism() - 1),
  });
  return pool;
}
