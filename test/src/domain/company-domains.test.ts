import { describe, expect, it } from 'vitest';
import {
  buildDomainIndex,
  domainOf,
  findSameDomain,
  isFreeMail,
  sameDomainReason,
} from '../../../src/domain/company-domains.js';

describe('domainOf', () => {
  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['acme.com', 'acme.com'],
    ['http://shop.acme.co.uk:8080/x?y', 'shop.acme.co.uk'],
    ['Ann@Acme.COM', 'acme.com'],
    ['www2.acme.com.', 'acme.com'],
    ['not a domain', null],
    ['', null],
  ])('%j → %j', (text, domain) => {
    expect(domainOf(text)).toBe(domain);
  });
});

describe('free mail', () => {
  it.each([
    'gmail.com',
    'outlook.com',
    'hotmail.co.uk',
    'yahoo.fr',
    'icloud.com',
    'proton.me',
    'aol.com',
    'gmx.de',
    'gmx.net',
    'web.de',
  ])('%s is free mail', (domain) => {
    expect(isFreeMail(domain)).toBe(true);
  });
  it.each(['acme.com', 'gmxsolutions.com', 'outlookdental.com'])('%s is not', (domain) => {
    expect(isFreeMail(domain)).toBe(false);
  });
});

describe('sameDomainReason', () => {
  const own = ['msp.example'];

  it('flags a website or a contact email on a known domain', () => {
    expect(sameDomainReason(['acme.com'], { website: 'https://www.acme.com', emails: [] }, own)).toBe(
      'same domain acme.com',
    );
    expect(sameDomainReason(['ann@acme.com'], { website: null, emails: ['bob@eu.acme.com'] }, own)).toBe(
      'same domain acme.com',
    );
  });

  it('never counts free mail or the MSP’s own domains', () => {
    expect(sameDomainReason(['gmail.com'], { website: null, emails: ['x@gmail.com'] }, own)).toBeNull();
    expect(
      sameDomainReason(['msp.example'], { website: null, emails: ['tech@msp.example'] }, own),
    ).toBeNull();
    expect(sameDomainReason(['acme.com'], { website: 'acme.org', emails: [] }, own)).toBeNull();
  });
});

describe('findSameDomain', () => {
  it('finds every managed company sharing a domain, by an index', () => {
    const index = buildDomainIndex(
      [
        { companyId: 'c2', domains: ['acme.com', 'gmail.com'] },
        { companyId: 'c1', domains: ['acme.com'] },
        { companyId: 'c3', domains: ['beta.com'] },
        { companyId: 'c4', domains: ['tech@msp.example'] },
      ],
      ['msp.example'],
    );
    expect(
      findSameDomain({ website: 'www.acme.com', emails: ['a@gmail.com', 'b@msp.example'] }, index),
    ).toEqual([
      { companyId: 'c1', reason: 'same domain acme.com' },
      { companyId: 'c2', reason: 'same domain acme.com' },
    ]);
    expect(findSameDomain({ website: null, emails: ['a@gmail.com'] }, index)).toEqual([]);
  });
});
