/**
 * A contact page packed for the trip back from the parser thread comes out as it went in: every
 * number, every text (empty, non-ASCII, astral), every email and type name in order, the skipped
 * records and the page length, also through a real structured clone.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ContactPage } from '../../../../adapters/psa/connectwise/contact-page.js';
import { parseContactPage } from '../../../../adapters/psa/connectwise/contact-page.js';
import {
  packContactPage,
  unpackContactPage,
} from '../../../../adapters/psa/connectwise/contact-page-packing.js';

const PAGE: ContactPage = {
  length: 5,
  contacts: [
    {
      psaId: 2_147_483_647,
      companyPsaId: -2_147_483_648,
      firstName: 'Zoë',
      lastName: 'Ångström 😀',
      emails: ['zoe@example.com', 'z@example.org'],
      active: true,
      typeNames: ['Billing', 'Primary', 'Tech'],
    },
    { psaId: 1, companyPsaId: 7, firstName: '', lastName: '', emails: [], active: false, typeNames: [] },
    {
      psaId: 3,
      companyPsaId: 7,
      firstName: '李',
      lastName: 'Smith',
      emails: [],
      active: true,
      typeNames: ['Owner'],
    },
  ],
  skipped: [{ entity: 'contact', psaId: 42, reason: 'unexpected data in types' }],
};

/** The value as the other end of a MessagePort receives it. */
function cloned<T>(value: T): T {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const received = receiveMessageOnPort(port2)?.message as T;
  port1.close();
  return received;
}

describe('packContactPage / unpackContactPage', () => {
  it('gives back the page it packed', () => {
    expect(unpackContactPage(packContactPage(PAGE))).toEqual(PAGE);
  });

  it('survives the structured clone between threads', () => {
    expect(unpackContactPage(cloned(packContactPage(PAGE)))).toEqual(PAGE);
  });

  it('gives back an empty page', () => {
    const empty: ContactPage = { length: 3, contacts: [], skipped: [] };
    expect(unpackContactPage(packContactPage(empty))).toEqual(empty);
  });

  it('gives back a parsed page of a thousand contacts', () => {
    const records = Array.from({ length: 1_000 }, (_, index) => ({
      id: index + 1,
      firstName: `First${index}`,
      lastName: index % 7 === 0 ? 'Müller' : `Last${index}`,
      company: { id: (index % 50) + 1 },
      inactiveFlag: index % 5 === 0,
      communicationItems: Array.from({ length: index % 3 }, (_, item) => ({
        value: `p${index}.${item}@example.com`,
        defaultFlag: item === 1,
        communicationType: 'Email',
      })),
      types: index % 4 === 0 ? [{ id: 1, name: `Type ${index % 9}` }] : [],
    }));
    const parsed = parseContactPage(new Uint8Array(Buffer.from(JSON.stringify(records))), {
      maxRecords: 1_010,
    });
    expect(parsed.contacts).toHaveLength(1_000);
    expect(unpackContactPage(cloned(packContactPage(parsed)))).toEqual(parsed);
  });
});
