/** The worker thread behind contactPages (contact-page-pool.ts); pages go back packed. */
import { servePageParser } from '../shared/page-parser-host.js';
import { parseContactPage } from './contact-page.js';
import { packContactPage } from './contact-page-packing.js';

servePageParser((bytes, job: Parameters<typeof parseContactPage>[1]) =>
  packContactPage(parseContactPage(bytes, job)),
);
