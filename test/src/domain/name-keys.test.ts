import { describe, expect, it } from 'vitest';
import { scaleCase } from '../../../bench/matching-bench.js';
import { analyseCompanyName } from '../../../src/domain/company-name.js';
import { isAnalysed, keysOf, nameKeys, readName } from '../../../src/domain/name-keys.js';
import { buildLabelledSet } from '../../fixtures/company-names/labelled-set.js';

// The quick scan for plain ASCII names must give exactly the keys of the full analysis.
describe('nameKeys', () => {
  const expectSame = (name: string): void => {
    expect(nameKeys(name), name).toEqual(keysOf(analyseCompanyName(name)));
  };

  it('gives the keys of the full analysis on every name of the labelled set', () => {
    const set = buildLabelledSet();
    const names = [...set.managed, ...set.rows.map((row) => row.psaName)];
    const differing = names.filter(
      (name) => JSON.stringify(nameKeys(name)) !== JSON.stringify(keysOf(analyseCompanyName(name))),
    );
    expect(differing).toEqual([]);
  });

  it.each([
    'Acme Widgets, Inc.',
    'The Acme Group LLC',
    'Greenfield Ag',
    'Greenfield AG',
    'bayer ag',
    'Fresh and Co',
    'Acme Compan',
    'AcmeInc',
    'Acme Corpor ation',
    'Acme Widgets OLD',
    'zz Acme',
    'ZZAcme',
    'St Marys Intl',
    'Smith P C',
    'Smith P. C.',
    'Smith P.C.',
    'acme.com',
    'The',
    ' , . ',
    '',
    'Acme 2000 Ltd.',
    'Acme, Ltd., Inc.',
    'Acme L.L.C.',
    'A.B.C. Plumbing',
    'The A.B. Group P.C.',
    'Smith P.C',
    'J.Smith',
    'Nordic A/S',
    'Acme S.p.A.',
    'Bayer A.G.',
    'x.y.z.',
    'AB.C',
  ])('reads %j like the full analysis', (name) => {
    expectSame(name);
  });

  it('gives the keys of the full analysis on the names of the 100k bench', () => {
    const { companies, fetched } = scaleCase(5_000);
    const names = [...companies, ...fetched].map((company) => company.name);
    const differing = names.filter(
      (name) => JSON.stringify(nameKeys(name)) !== JSON.stringify(keysOf(analyseCompanyName(name))),
    );
    expect(differing).toEqual([]);
  });

  it('takes the full analysis for names beyond plain ASCII', () => {
    expect(nameKeys('Müller GmbH')).toEqual(keysOf(analyseCompanyName('Müller GmbH')));
    expect(nameKeys('Müller GmbH').altKey).toBe('mueller');
  });

  it('reads a plain name by its keys alone, and hands back the full analysis where it needed one', () => {
    const plain = readName('Acme Widgets, Inc.');
    expect(isAnalysed(plain)).toBe(false);
    expect(plain).toEqual(nameKeys('Acme Widgets, Inc.'));
    const noted = readName('Acme Widgets (OLD)');
    expect(isAnalysed(noted)).toBe(true);
    if (isAnalysed(noted)) expect(keysOf(noted)).toEqual(nameKeys('Acme Widgets (OLD)'));
  });
});
