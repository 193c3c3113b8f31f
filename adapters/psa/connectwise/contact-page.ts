/**
 * One page of ConnectWise contacts, from the body's bytes to the core's PsaContact: decoded,
 * parsed, judged record by record (record-checks.ts) and mapped (record-mapping.ts). Pure and
 * self-contained so it can run on a worker thread (contact-page-worker.ts) as well as inline.
 *
 *   parseContactPage(bytes, { maxRecords: 1010 })
 *   // { length: 1000, contacts: [...], skipped: [{ psaId: 17, reason: 'unexpected data in types' }] }
 *
 * A contact without a company is counted in `length` but not mapped: it cannot be imported under
 * any company. A page that is not a JSON array, or longer than `maxRecords`, is PageRejected.
 */
import type { PsaContact } from '../../../src/domain/psa-records.js';
import type { SkippedRecord } from '../../../src/ports/psa-gateway.js';
import { decodeJsonBody } from '../shared/decode-body.js';
import { PageRejected } from '../shared/page-rejected.js';
import { validateRecords } from '../shared/record-validation.js';
import { contactCheck } from './record-checks.js';
import { toPsaContact } from './record-mapping.js';

export interface ContactPageJob {
  /** Elements the page may hold at most (the page size asked for plus a margin). */
  readonly maxRecords: number;
}

export interface ContactPage {
  /** Elements the page held, skipped ones included. */
  readonly length: number;
  readonly contacts: PsaContact[];
  readonly skipped: SkippedRecord[];
}

export function parseContactPage(bytes: Uint8Array, job: ContactPageJob): ContactPage {
  let data: unknown;
  const body = decodeJsonBody(bytes);
  try {
    data = JSON.parse(body.json);
  } catch {
    throw new PageRejected('body is not JSON');
  }
  if (!Array.isArray(data)) throw new PageRejected('unexpected shape at: (the page is not a list)');
  if (data.length > job.maxRecords) {
    throw new PageRejected(`a page of ${data.length} records for ${job.maxRecords} allowed`);
  }
  const skipped: SkippedRecord[] = [];
  const rows = validateRecords(data, contactCheck, 'contact', { skip: (record) => skipped.push(record) });
  const contacts: PsaContact[] = [];
  for (const row of rows) {
    const companyId = row.company?.id;
    if (companyId !== null && companyId !== undefined) contacts.push(toPsaContact(row, companyId, body.text));
  }
  return { length: data.length, contacts, skipped };
}
