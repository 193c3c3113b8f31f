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
  });
  return pool;
}
