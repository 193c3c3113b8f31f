import { describe, expect, it } from 'vitest';
import {
  changeKeys,
  computeDigest,
  type DigestBaseline,
  digestDecision,
  EMPTY_BASELINE,
  fingerprint,
} from '../../../src/domain/digest.js';
import type { ReviewRow } from '../../../src/domain/review.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';

const mapped = (psaId: number, name: string, managedId: string): ReviewRow => ({
  company: company(psaId, name),
  status: 'mapped',
  mappedTo: { id: managedId, name },
  candidates: [],
  lastImportedAt: '2026-01-01T00:00:00.000Z',
});

const unmapped = (psaId: number, name: string, similar?: string): ReviewRow => ({
  company: company(psaId, name),
  status: similar === undefined ? 'unmapped' : 'potential-duplicate',
  mappedTo: null,
  candidates:
    similar === undefined
      ? []
      : [{ companyId: 'm9', companyName: similar, reason: 'similar', strength: 'similar' }],
  lastImportedAt: null,
});

const users = [
  { id: 'u1', companyId: 'm1', email: 'a@acme.test', displayName: 'Ann' },
  { id: 'u2', companyId: 'm1', email: 'b@acme.test', displayName: 'Bo' },
  { id: 'u3', companyId: 'm1', email: 'c@acme.test', displayName: 'Cy' },
];
const contactLinks = [
  { psaContactId: 101, managedUserId: 'u1', lastImportedAt: '2026-01-01T00:00:00.000Z' },
  { psaContactId: 102, managedUserId: 'u2', lastImportedAt: '2026-01-01T00:00:00.000Z' },
  { psaContactId: 103, managedUserId: 'u3', lastImportedAt: '2026-01-01T00:00:00.000Z' },
];

describe('the change digest', () => {
  it('compares the PSA with the map and with what the last import saw', () => {
    const baseline: DigestBaseline = {
      companies: new Set([1, 5]),
      missing: new Map([[7, 'deleted']]),
      contacts: new Map([
        [101, { active: true, email: 'a@acme.test' }],
        [102, { active: true, email: 'b@acme.test' }],
        [103, { active: true, email: 'c@acme.test' }],
        [104, { active: true, email: 'skipped@acme.test' }],
      ]),
      contactsOf: new Set([1]),
    };
    const changes = computeDigest({
      rows: [
        mapped(1, 'Acme', 'm1'),
        unmapped(5, 'Skipped Before'),
        unmapped(6, 'Globex'),
        unmapped(8, 'Acme Corp', 'Acme'),
      ],
      missing: [
        {
          psaCompanyId: 7,
          managedCompanyId: 'm7',
          managedCompanyName: 'Gone Co',
          lastImportedAt: '',
          cause: 'deleted',
          reason: '',
        },
        {
          psaCompanyId: 9,
          managedCompanyId: 'm9',
          managedCompanyName: 'Hidden Co',
          lastImportedAt: '',
          cause: 'filtered-out',
          reason: 'not selected',
        },
      ],
      contacts: [
        contact(101, 1, 'A@acme.test'),
        contact(102, 1, 'b@acme.test', { active: false }),
        contact(104, 1, 'skipped@acme.test'),
        contact(105, 1, 'new@acme.test'),
      ],
      contactLinks,
      users,
      baseline,
    });
    expect(changes.newCompanies).toEqual([
      { psaCompanyId: 8, name: 'Acme Corp', similarTo: 'Acme' },
      { psaCompanyId: 6, name: 'Globex', similarTo: null },
    ]);
    expect(changes.missingCompanies.map((c) => [c.name, c.cause])).toEqual([['Hidden Co', 'filtered-out']]);
    expect(changes.newContacts.map((c) => c.psaContactId)).toEqual([105]);
    expect(changes.inactiveContacts.map((c) => c.psaContactId)).toEqual([102]);
    expect(changes.goneContacts.map((c) => c.name)).toEqual(['Cy']);
    // A case change of the same address is no change.
    expect(changes.changedEmails).toEqual([]);
    expect(changeKeys(changes)).toContain('company-missing:9:filtered-out');
  });

  it('reports a changed email once per new address and counts no contact as new without a baseline', () => {
    const input = {
      rows: [mapped(1, 'Acme', 'm1')],
      missing: [],
      contacts: [
        contact(101, 1, 'ann@new.test'),
        contact(102, 1, 'b@acme.test'),
        contact(103, 1, 'c@acme.test'),
        contact(105, 1, 'x@acme.test'),
      ],
      contactLinks,
      users,
    };
    const first = computeDigest({ ...input, baseline: EMPTY_BASELINE });
    expect(first.changedEmails).toEqual([
      {
        psaContactId: 101,
        name: 'First101 Last101',
        companyName: 'Acme',
        from: 'a@acme.test',
        to: 'ann@new.test',
      },
    ]);
    expect(first.newContacts).toEqual([]);
    const seen: DigestBaseline = {
      ...EMPTY_BASELINE,
      contacts: new Map([[101, { active: true, email: 'ann@new.test' }]]),
    };
    expect(computeDigest({ ...input, baseline: seen }).changedEmails).toEqual([]);
  });

  it('posts a change set once, and again only when something new is in it', () => {
    expect(digestDecision([], ['a'])).toBe('quiet');
    expect(digestDecision(['a'], null)).toBe('report');
    expect(digestDecision(['a'], ['a', 'b'])).toBe('already-reported');
    expect(digestDecision(['a', 'c'], ['a', 'b'])).toBe('report');
    expect(fingerprint(['a', 'b'])).toBe(fingerprint(['a', 'b']));
    expect(fingerprint(['a', 'b'])).not.toBe(fingerprint(['ab']));
  });
});
