import { describe, expect, it } from 'vitest';
import { preselectedCandidate } from '../../../src/domain/company-decisions.js';
import { buildCompanyNameIndex, findDuplicateCandidates } from '../../../src/domain/name-matching.js';
import type { DuplicateCandidate } from '../../../src/domain/review.js';
import { managedCompany } from './domain-builders.js';

const match = (psaName: string, managedName: string): DuplicateCandidate | null => {
  const [candidate, ...rest] = findDuplicateCandidates(
    psaName,
    buildCompanyNameIndex([managedCompany('m1', managedName)]),
  );
  expect(rest).toEqual([]);
  return candidate ?? null;
};

describe('same names (pre-selectable)', () => {
  it.each([
    // Legal forms from the ELF table, in several spellings
    [
      'Lakeview Orthodontics PC',
      'Lakeview Orthodontics, P.C.',
      'same name as "Lakeview Orthodontics, P.C." ignoring punctuation',
    ],
    [
      'Riverside Pediatrics, P.A.',
      'Riverside Pediatrics',
      'same as "Riverside Pediatrics" after removing "P.A."',
    ],
    ['Siemens SE', 'Siemens', 'same as "Siemens" after removing "SE"'],
    ['Aldi OHG', 'Aldi', 'same as "Aldi" after removing "OHG"'],
    ['Tierschutz e.V.', 'Tierschutz', 'same as "Tierschutz" after removing "e.V."'],
    [
      'Kowalski Dental Sp. z o.o.',
      'Kowalski Dental',
      'same as "Kowalski Dental" after removing "Sp. z o.o."',
    ],
    ['Grupo Bimbo, S.A. de C.V.', 'Grupo Bimbo', 'same as "Grupo Bimbo" after removing "S.A. de C.V."'],
    ['Zoho Pvt. Ltd.', 'Zoho', 'same as "Zoho" after removing "Pvt. Ltd."'],
    ['Flipkart Private Limited', 'Flipkart', 'same as "Flipkart" after removing "Private Limited"'],
    ['ING Groep N V', 'ING Groep N.V.', 'same name as "ING Groep N.V." ignoring punctuation'],
    ['bayer ag', 'Bayer AG', 'same name as "Bayer AG" ignoring case'],
    // Invisible and look-alike characters
    ['Ac\u200bme Dental', 'Acme Dental', 'same name as "Acme Dental" ignoring invisible characters'],
    ['Ac\u00adme Dental', 'Acme Dental', 'same name as "Acme Dental" ignoring invisible characters'],
    ['Ac\u2060me', 'Acme', 'same name as "Acme" ignoring invisible characters'],
    ['\u0410cme', 'Acme', 'same name as "Acme" ignoring look-alike letters'],
    ['Ｆｏｏ Ｓ．Ａ．', 'Foo', 'same as "Foo" after removing "S.A.", ignoring full-width letters'],
    // Spellings
    ['Müller GmbH', 'Mueller', 'same as "Mueller" after removing "GmbH", reading "Müller" as "Mueller"'],
    [
      "St. Mary's Clinic",
      'Saint Marys Clinic',
      'same name as "Saint Marys Clinic" reading "St" as "Saint", ignoring punctuation',
    ],
    ['Smith Bros', 'Smith Brothers', 'same name as "Smith Brothers" reading "Bros" as "Brothers"'],
    [
      'Atlantic Intl',
      'Atlantic International',
      'same name as "Atlantic International" reading "Intl" as "International"',
    ],
    ['AT&T', 'ATT', 'same name as "ATT" ignoring punctuation'],
    ['Smith & Jones', 'Smith and Jones', 'same name as "Smith and Jones" reading "&" as "and"'],
    ["Marys' Bakery", "Mary's Bakery", 'same name as "Mary\'s Bakery" ignoring punctuation'],
    ['Gamma Co', 'Gamma Co.', 'same name as "Gamma Co." ignoring punctuation'],
    ['Visa  Inc. ', 'Visa Inc.', 'same name as "Visa Inc." ignoring spacing'],
    ['Straße', 'Strasse', 'same name as "Strasse" ignoring accents'],
  ])('%j is the same name as %j: %s', (psaName, managedName, reason) => {
    expect(match(psaName, managedName)).toEqual({
      companyId: 'm1',
      companyName: managedName,
      reason,
      strength: 'same',
    });
  });
});

describe('similar names (never pre-selected)', () => {
  it.each([
    [
      'Smith Accountnig',
      'Smith Accounting',
      'similar to "Smith Accounting": two letters swapped: "Accountnig" / "Accounting"',
    ],
    [
      'Mediacl Group',
      'Medical Group',
      'similar to "Medical Group": two letters swapped: "Mediacl" / "Medical"',
    ],
    ['Medcal Group', 'Medical Group', 'similar to "Medical Group": one letter missing: "Medcal" / "Medical"'],
    [
      'Meddical Group',
      'Medical Group',
      'similar to "Medical Group": one letter extra: "Meddical" / "Medical"',
    ],
    [
      'Medixal Group',
      'Medical Group',
      'similar to "Medical Group": one letter different: "Medixal" / "Medical"',
    ],
    [
      'BlueSky Dental',
      'Blue Sky Dental',
      'similar to "Blue Sky Dental": written together: "BlueSky" / "Blue Sky"',
    ],
    [
      'Bay Side Dental',
      'Bayside Dental',
      'similar to "Bayside Dental": written apart: "Bay Side" / "Bayside"',
    ],
    [
      'Acme Widgets, Inc. (OLD)',
      'Acme Widgets',
      'similar to "Acme Widgets": ignoring the note "(OLD)", after removing "Inc."',
    ],
    [
      'Acme Widgets - DO NOT USE',
      'Acme Widgets',
      'similar to "Acme Widgets": ignoring the note "DO NOT USE"',
    ],
    ['zz Acme Widgets', 'Acme Widgets', 'similar to "Acme Widgets": ignoring the note "zz"'],
    ['[inactive] Acme Widgets', 'Acme Widgets', 'similar to "Acme Widgets": ignoring the note "[inactive]"'],
    ['Acme Widgets', 'Acme Widgets *DNU*', 'similar to "Acme Widgets *DNU*": ignoring the note "*DNU*"'],
    // Only the asterisk pattern reads a note before the name.
    ['*DNU* Acme Widgets', 'Acme Widgets', 'similar to "Acme Widgets": ignoring the note "*DNU*"'],
    ['Mueller Bau', 'Muller Bau', 'similar to "Muller Bau": one letter extra: "Mueller" / "Muller"'],
    [
      'Acme Compan',
      'Acme Company',
      'similar to "Acme Company": one letter missing in the legal form: "Compan" / "company"',
    ],
    ['AcmeInc', 'Acme Inc', 'similar to "Acme Inc": legal form written together: "AcmeInc"'],
  ])('%j is similar to %j: %s', (psaName, managedName, reason) => {
    expect(match(psaName, managedName)).toEqual({
      companyId: 'm1',
      companyName: managedName,
      reason,
      strength: 'similar',
    });
  });
});

describe('hard negatives (no flag)', () => {
  it.each([
    ['Acme Dental', 'Acme Rental'], // first letter of the word changed
    ['Bayside', 'Bayshore'], // more than one edit
    ['Northgate Realty', 'Southgate Realty'],
    ['Carter Law', 'Carver Law'], // far keys: a different name, not a typo
    ['Hansen Engineering', 'Hanson Engineering'],
    ['Acne Labs', 'Acme Labs'], // a short word
    ['Route 66 Diner', 'Route 67 Diner'], // numbers never count as typos
    ['Greenfield Ag', 'Greenfield AG'], // "Ag" (agriculture) is no legal form in that spelling
    ['Fresh & Co', 'Fresh'], // "& Co" is part of the name
    ['Fresh and Company', 'Fresh'],
    ['Day Spa', 'Day'],
    ['Acme Group', 'Acme'],
    ['Old Dominion Freight', 'Dominion Freight'], // "Old" starting a name is no note
    ['Acme Inc Services', 'Acme Services'],
  ])('%j is not flagged against %j', (psaName, managedName) => {
    expect(match(psaName, managedName)).toBeNull();
  });
});

describe('several candidates', () => {
  it('lists every candidate, same names first, and pre-selects none', () => {
    const index = buildCompanyNameIndex([
      managedCompany('m1', 'Blue Sky Dental, P.C.'),
      managedCompany('m2', 'BlueSky Dental'),
      managedCompany('m3', 'Blue Sky Dental LLC'),
      managedCompany('m4', 'Blue Sky Dental (OLD)'),
      managedCompany('m5', 'Blue Sky Rental'),
    ]);
    const candidates = findDuplicateCandidates('Blue Sky Dental', index);
    expect(candidates.map((c) => [c.companyId, c.strength])).toEqual([
      ['m3', 'same'],
      ['m1', 'same'],
      ['m4', 'similar'],
      ['m2', 'similar'],
    ]);
    const row = {
      company: {
        psaId: 1,
        name: 'Blue Sky Dental',
        typeNames: [],
        statusName: null,
        active: true,
        updatedAt: null,
        nameCut: false,
      },
      status: 'potential-duplicate' as const,
      mappedTo: null,
      candidates,
      lastImportedAt: null,
    };
    expect(preselectedCandidate(row)).toBeNull();
  });
});

// The index keeps one map by name without spaces (with each company's key) and one by umlaut key.
describe('index lookups', () => {
  it('tells a same name from one spaced differently when both share the name without spaces', () => {
    const index = buildCompanyNameIndex([
      managedCompany('m1', 'Blue Sky Dental'),
      managedCompany('m2', 'Bluesky Dental'),
    ]);
    expect(findDuplicateCandidates('BLUE SKY DENTAL', index).map((c) => [c.companyId, c.strength])).toEqual([
      ['m1', 'same'],
      ['m2', 'similar'],
    ]);
  });

  it('finds a written-out umlaut either way round', () => {
    expect(match('Mueller Consulting', 'Müller Consulting')?.strength).toBe('same');
    expect(match('Müller Consulting', 'Mueller Consulting')?.strength).toBe('same');
    expect(match('Müller Consulting', 'Müller Consulting GmbH')?.strength).toBe('same');
  });

  it('finds a typo in a name whose managed spelling has an umlaut key', () => {
    expect(match('Mueller Consluting', 'Müller Consulting')).toMatchObject({
      strength: 'similar',
      reason: expect.stringContaining('two letters swapped: "Consluting" / "Consulting"'),
    });
  });
});
