/** The worker thread behind contactPages (contact-page-pool.ts). */
import { servePageParser } from '../shared/page-parser-host.js';
import { parseContactPage } from './contact-page.js';

servePageParser(parseContactPage);
