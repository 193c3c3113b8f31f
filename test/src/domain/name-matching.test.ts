import { describe, expect, it } from 'vitest';
import {
  buildCompanyNameIndex,
  findDuplicateCandidates,
  normaliseCompanyName,
} from '../../../src/domain/name-matching.js';
import { managedCompany } from './domain-builders.js';

const key = (name: string): string => normaliseCompanyName(name).key;

describe('normaliseCompanyName', () => {
  it.each([
    ['Acme, Inc.', 'ACME Inc'],
    ['Acme, Inc.', 'Acme'],
    ['The Smith & Sons Co.', 'Smith and Sons'],
    ['Müller GmbH', 'Muller'],
    ['Foo L.L.C.', 'foo llc'],
    ['Foo L.L.C.', 'Foo'],
    ['Bar Pty Ltd', 'Bar'],
    ['Acme Holdings Pty Ltd', 'Acme Holdings'],
    ['Foo GmbH & Co. KG', 'Foo'],
    ['Bar Co., Ltd.', 'bar'],
    ['Société Générale S.A.', 'Societe Generale SA'],
    ['Acme S.p.A.', 'Acme SpA'],
    ['Acme S.A.R.L.', 'acme sarl'],
    ['Nordic A/S', 'Nordic AS'],
    ['Widgets B.V.', 'Widgets'],
    ['Foo Incorporated', 'Foo Corp.'],
    ['Foo Corporation', 'FOO LIMITED'],
    ['Smith + Jones', 'Smith and Jones'],
    ['McDonald’s', "McDonald's"],
    ['Ｆｏｏ Ｌｔｄ', 'foo'],
    ['Straße AG', 'Strasse'],
    ['Ærø Oy', 'aero'],
    ['Acme Plc', 'ACME P.L.C.'],
    ['  Acme   Widgets  ', 'acme-widgets'],
  ])('%j matches %j', (a, b) => {
    expect(key(a)).toBe(key(b));
    expect(key(a)).not.toBe('');
  });

  it.each([
    ['Acme Group', 'Acme'],
    ['Acme Holdings', 'Acme Services'],
    ['Acme Solutions', 'Acme'],
    ['Acme Group', 'Acme Holdings'],
    ['Day Spa', 'Day'],
    ['Known As', 'Known'],
    ['Smith & Sons', 'Smith Sons'],
    ['Acme Inc Services', 'Acme Services'],
    ['Co-op Foods', 'Foods'],
  ])('%j does not match %j', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  it.each([
    ['Co', 'company'],
    ['Company', 'company'],
    ['The Co', 'company'],
    ['The', 'the'],
    ['Inc.', 'inc'],
    ['Pty Ltd', 'pty'],
    ['GmbH & Co. KG', 'gmbh'],
    ['& Co', 'and company'],
  ])('never reduces %j to nothing (key %j)', (name, expected) => {
    expect(key(name)).toBe(expected);
  });

  it('keeps generic words and the order of the words', () => {
    expect(key('The Acme Holdings Group Pty Ltd')).toBe('acme holdings group');
    expect(key('Services Acme')).not.toBe(key('Acme Services'));
  });

  it('reports what it removed, as written', () => {
    expect(normaliseCompanyName('The Smith & Sons Co.').removed).toEqual(['The', 'Co.']);
    expect(normaliseCompanyName('Foo GmbH & Co. KG').removed).toEqual(['GmbH & Co. KG']);
    expect(normaliseCompanyName('Bar Co., Ltd.').removed).toEqual(['Co., Ltd.']);
    expect(normaliseCompanyName('Acme Holdings Pty Ltd').removed).toEqual(['Pty Ltd']);
    expect(normaliseCompanyName('Foo L.L.C.').removed).toEqual(['L.L.C.']);
    expect(normaliseCompanyName('Acme Group').removed).toEqual([]);
  });

  it('gives a name without letters or digits an empty key, which matches nothing', () => {
    expect(key('---')).toBe('');
    const index = buildCompanyNameIndex([managedCompany('c1', '???')]);
    expect(findDuplicateCandidates('!!!', index)).toEqual([]);
  });
});

describe('findDuplicateCandidates', () => {
  const reasonFor = (psaName: string, managedName: string): string => {
    const [candidate, ...rest] = findDuplicateCandidates(
      psaName,
      buildCompanyNameIndex([managedCompany('m1', managedName)]),
    );
    expect(rest).toEqual([]);
    if (candidate === undefined) throw new Error(`${psaName} did not match ${managedName}`);
    expect(candidate).toMatchObject({ companyId: 'm1', companyName: managedName });
    return candidate.reason;
  };

  it.each([
    ['Acme', 'ACME, Inc.', 'same as "ACME, Inc." after removing "Inc.", ignoring case'],
    ['Acme Inc', 'ACME, Inc.', 'same name as "ACME, Inc." ignoring case and punctuation'],
    ['acme inc', 'Acme Inc', 'same name as "Acme Inc" ignoring case'],
    ['Acme Inc', 'Acme Inc', 'same name as "Acme Inc"'],
    [
      'The Smith & Sons Co.',
      'Smith and Sons',
      'same as "Smith and Sons" after removing "The" and "Co.", reading "&" as "and"',
    ],
    ['Smith & Sons', 'Smith + Sons', 'same name as "Smith + Sons" reading "&" and "+" as "and"'],
    ['Müller GmbH', 'Muller', 'same as "Muller" after removing "GmbH", ignoring accents'],
    ['MÜLLER', 'Muller', 'same name as "Muller" ignoring accents and case'],
    ['Foo L.L.C.', 'foo llc', 'same name as "foo llc" ignoring case and punctuation'],
    ['Foo GmbH & Co. KG', 'Foo', 'same as "Foo" after removing "GmbH & Co. KG"'],
    ['Smith-Jones', 'Smith Jones', 'same name as "Smith Jones" ignoring punctuation'],
    ['Smith  Jones', 'Smith Jones', 'same name as "Smith Jones" ignoring spacing'],
  ])('%j vs managed %j: %s', (psaName, managedName, reason) => {
    expect(reasonFor(psaName, managedName)).toBe(reason);
  });

  it('lists every candidate, sorted by name, with its own reason', () => {
    const index = buildCompanyNameIndex([
      managedCompany('m3', 'acme ltd'),
      managedCompany('m1', 'Acme Inc'),
      managedCompany('m2', 'ACME Group'),
      managedCompany('m4', 'Acme'),
    ]);
    const candidates = findDuplicateCandidates('Acme', index);
    expect(candidates.map((c) => c.companyId)).toEqual(['m4', 'm1', 'm3']);
    expect(candidates.map((c) => c.reason)).toEqual([
      'same name as "Acme"',
      'same as "Acme Inc" after removing "Inc"',
      'same as "acme ltd" after removing "ltd", ignoring case',
    ]);
  });

  it('finds nothing for a different name', () => {
    const index = buildCompanyNameIndex([managedCompany('m1', 'Acme Group')]);
    expect(findDuplicateCandidates('Acme', index)).toEqual([]);
  });
});
