/**
 * One page of contacts from bytes to PsaContact, as the worker thread runs it: the envelope is
 * judged whole (not JSON, not a list, too long: rejected with our reason), each record on its own
 * (a bad one skipped and named, the others mapped).
 */
import { describe, expect, it } from 'vitest';
import { parseContactPage } from '../../../../adapters/psa/connectwise/contact-page.js';
import { PageRejected } from '../../../../adapters/psa/shared/page-rejected.js';

const JOB = { maxRecords: 5 };
const contact = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  firstName: 'Jane',
  lastName: 'Smith',
  company: { id: 7, identifier: 'acme', name: 'Acme' },
  inactiveFlag: false,
  communicationItems: [{ value: `jane${id}@acme.example`, defaultFlag: true, communicationType: 'Email' }],
  types: [{ id: 1, name: 'Billing' }],
  ...extra,
});
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const page = (records: readonly unknown[]) => bytes(JSON.stringify(records));

function rejection(body: Uint8Array, job = JOB): string {
  try {
    parseContactPage(body, job);
  } catch (error) {
    if (error instanceof PageRejected) return error.reason;
    throw error;
  }
  throw new Error('the page was accepted');
}

describe('parseContactPage', () => {
  it('maps every good record to the core contact', () => {
    const parsed = parseContactPage(page([contact(1), contact(2, { inactiveFlag: true })]), JOB);
    expect(parsed.length).toBe(2);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.contacts).toEqual([
      {
        psaId: 1,
        companyPsaId: 7,
        firstName: 'Jane',
        lastName: 'Smith',
        emails: ['jane1@acme.example'],
        active: true,
        typeNames: ['Billing'],
      },
      expect.objectContaining({ psaId: 2, active: false }),
    ]);
  });

  it('rejects a malformed envelope with our reason: HTML, truncated, not a list', () => {
    expect(rejection(bytes('<html><body>Maintenance</body></html>'))).toBe('body is not JSON');
    expect(rejection(bytes('[{"id":1,"firstName":"Ja'))).toBe('body is not JSON');
    expect(rejection(bytes('{"code":"x","message":"y"}'))).toMatch(/not a list/);
  });

  it('rejects a page longer than the cap before judging its records', () => {
    const six = page([1, 2, 3, 4, 5, 6].map((id) => contact(id)));
    expect(rejection(six)).toBe('a page of 6 records for 5 allowed');
    expect(parseContactPage(six, { maxRecords: 6 }).contacts).toHaveLength(6);
  });

  it('skips and names a bad record; the others come through', () => {
    const parsed = parseContactPage(
      page([contact(1), contact(17, { types: 'Billing' }), 'not a record', contact(3)]),
      JOB,
    );
    expect(parsed.length).toBe(4);
    expect(parsed.contacts.map((row) => row.psaId)).toEqual([1, 3]);
    expect(parsed.skipped).toEqual([
      { entity: 'contact', psaId: 17, reason: 'unexpected data in types' },
      { entity: 'contact', psaId: null, reason: 'unexpected data' },
    ]);
  });

  it('counts a contact without a company but maps only those that have one', () => {
    const parsed = parseContactPage(
      page([contact(1, { company: null }), contact(2, { company: { id: null } }), contact(3)]),
      JOB,
    );
    expect(parsed.length).toBe(3);
    expect(parsed.contacts.map((row) => row.psaId)).toEqual([3]);
    expect(parsed.skipped).toEqual([]);
  });

  it('decodes UTF-8 names and cleans them (NUL, controls)', () => {
    const parsed = parseContactPage(
      page([contact(1, { firstName: 'Zoë\u0000', lastName: ' Müller \t' })]),
      JOB,
    );
    expect(parsed.contacts[0]).toMatchObject({ firstName: 'Zoë', lastName: 'Müller' });
  });

  it('reads names, emails and types in UTF-8 whether the page escapes characters or not', () => {
    const accented = contact(1, {
      firstName: 'Chloé',
      lastName: 'Nguyễn 山田 🙂',
      communicationItems: [{ value: 'zoë@müller.example', defaultFlag: true, communicationType: 'Email' }],
      types: [{ id: 1, name: 'Décideur' }],
    });
    const expected = {
      firstName: 'Chloé',
      lastName: 'Nguyễn 山田 🙂',
      emails: ['zoë@müller.example'],
      typeNames: ['Décideur'],
    };
    // Raw UTF-8 bytes (read from the page's Latin-1 text, then decoded string by string)...
    expect(parseContactPage(page([accented, contact(2)]), JOB).contacts[0]).toMatchObject(expected);
    // ...and with a \u escape beside raw bytes (the page then decoded whole).
    const escaped = bytes(JSON.stringify([accented]).replace('Chloé', 'Chlo\\u00e9'));
    expect(escaped.includes(0xc3)).toBe(true);
    expect(parseContactPage(escaped, JOB).contacts[0]).toMatchObject(expected);
  });

  it('reads a view into a larger buffer by its own bytes only', () => {
    const body = Buffer.from(`xx${JSON.stringify([contact(1)])}yy`);
    const view = new Uint8Array(body.buffer, body.byteOffset + 2, body.length - 4);
    expect(parseContactPage(view, JOB).contacts.map((row) => row.psaId)).toEqual([1]);
  });
});
