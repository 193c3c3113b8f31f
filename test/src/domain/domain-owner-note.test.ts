import { describe, expect, it } from 'vitest';
import { buildDomainIndex } from '../../../src/domain/company-domains.js';
import { contactAssessor } from '../../../src/domain/contact-assessment.js';
import { domainOwnerNote, domainOwnerText } from '../../../src/domain/domain-owner-note.js';

const index = buildDomainIndex(
  [
    { companyId: 'acme', domains: ['acme.com', 'ann@shared.org'] },
    { companyId: 'globex', domains: ['globex.com', 'shared.org', 'gmail.com', 'msp.example'] },
    { companyId: 'initech', domains: ['shared.org'] },
  ],
  ['msp.example'],
);
const names = new Map([
  ['acme', 'Acme'],
  ['globex', 'Globex'],
  ['initech', 'Initech'],
]);

describe('the other-company domain note', () => {
  it.each([
    ['bob@globex.com', 'acme', { domain: 'globex.com', companyNames: ['Globex'] }],
    ['Bob@Mail.EU.Globex.com', 'acme', { domain: 'globex.com', companyNames: ['Globex'] }],
    ['bob@globex.com', null, { domain: 'globex.com', companyNames: ['Globex'] }],
    ['bob@shared.org', null, { domain: 'shared.org', companyNames: ['Acme', 'Globex', 'Initech'] }],
    // The target company is known by the domain too: nothing to say.
    ['bob@shared.org', 'acme', null],
    ['bob@globex.com', 'globex', null],
    ['bob@gmail.com', 'acme', null],
    ['bob@msp.example', 'acme', null],
    ['bob@unknown.net', 'acme', null],
    [null, 'acme', null],
  ] as const)('%s into %s', (email, target, expected) => {
    expect(domainOwnerNote(email, target, index, names)).toEqual(expected);
  });

  it('names one, two or more companies', () => {
    expect(domainOwnerText({ domain: 'a.com', companyNames: ['Globex'] })).toBe(
      'email domain a.com belongs to Globex',
    );
    expect(domainOwnerText({ domain: 'a.com', companyNames: ['Globex', 'Initech'] })).toBe(
      'email domain a.com belongs to Globex and Initech',
    );
    expect(domainOwnerText({ domain: 'a.com', companyNames: ['A', 'B', 'C'] })).toBe(
      'email domain a.com belongs to A, B and C',
    );
  });

  it('is part of the assessment only with an index, and yields to a taken email', () => {
    const companies = [...names].map(([id, name]) => ({ id, name, createdAt: '2026-01-01T00:00:00.000Z' }));
    const users = [{ id: 'u1', companyId: 'globex', email: 'taken@globex.com', displayName: 'T' }];
    const target = { psaCompanyId: 1, name: 'Acme', order: 0, companyId: 'acme' };
    const contact = (psaId: number, email: string) => ({
      psaId,
      companyPsaId: 1,
      firstName: 'F',
      lastName: 'L',
      emails: [email],
      active: true,
      typeNames: [],
    });
    const withIndex = contactAssessor({ companies, users, contactLinks: [], domainIndex: index });
    expect(withIndex(contact(1, 'bob@globex.com'), target).domainOwner).toEqual({
      domain: 'globex.com',
      companyNames: ['Globex'],
    });
    const taken = withIndex(contact(2, 'taken@globex.com'), target);
    expect(taken.ineligible?.code).toBe('email-taken');
    expect(taken.domainOwner).toBeUndefined();
    const without = contactAssessor({ companies, users, contactLinks: [] });
    expect(without(contact(1, 'bob@globex.com'), target)).not.toHaveProperty('domainOwner');
  });
});
