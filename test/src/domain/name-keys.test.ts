import { describe, expect, it } from 'vitest';
import { scaleCase } from '../../../bench/matching-bench.js';
import { type AnalysedName, analyseCompanyName, analyseFully } from '../../../src/domain/company-name.js';
import { keysOf, nameKeys } from '../../../src/domain/name-keys.js';
import { scanPlainName } from '../../../src/domain/plain-name-scan.js';
import { EDGE_NAMES } from '../../fixtures/company-names/edge-names.js';
import { buildLabelledSet } from '../../fixtures/company-names/labelled-set.js';

// The quick scan for plain ASCII names must give exactly the full analysis.
describe('analyseCompanyName', () => {
  // The keys are getters (joined when read), so they are compared apart from the fields.
  const plain = (name: AnalysedName): object => ({ ...name, key: name.key, compact: name.compact });
  const expectSame = (name: string): void => {
    expect(plain(analyseCompanyName(name)), name).toEqual(plain(analyseFully(name)));
  };
  const differs = (name: string): boolean =>
    JSON.stringify(plain(analyseCompanyName(name))) !== JSON.stringify(plain(analyseFully(name)));

  it('gives the full analysis on every name of the labelled set', () => {
    const set = buildLabelledSet();
    const names = [...set.managed, ...set.rows.map((row) => row.psaName)];
    expect(names.filter(differs)).toEqual([]);
  });

  it.each(EDGE_NAMES)('reads %j like the full analysis', (name) => {
    expectSame(name);
  });

  it('gives the full analysis on the names of the 100k bench', () => {
    const { companies, fetched } = scaleCase(5_000);
    const names = [...companies, ...fetched].map((company) => company.name);
    expect(names.filter(differs)).toEqual([]);
  });

  it('scans plain names itself and leaves notes, Unicode and other punctuation to the full analysis', () => {
    expect(scanPlainName('Acme Widgets, Inc.')?.map((token) => token.key)).toEqual([
      'acme',
      'widgets',
      'inc',
    ]);
    expect(scanPlainName('Smith P.C.')?.map((token) => token.key)).toEqual(['smith', 'pc']);
    for (const name of [
      'Acme Widgets (OLD)',
      'Acme Widgets OLD',
      'zz Acme',
      'Müller GmbH',
      'AT&T',
      "Mary's",
    ]) {
      expect(scanPlainName(name), name).toBeNull();
    }
  });
});

describe('nameKeys', () => {
  it('gives the keys of the analysis', () => {
    expect(nameKeys('The Acme Group LLC')).toEqual({
      key: 'acme group',
      altKey: null,
      compact: 'acmegroup',
      words: ['acme', 'group'],
    });
    expect(nameKeys('Müller GmbH')).toEqual(keysOf(analyseCompanyName('Müller GmbH')));
    expect(nameKeys('Müller GmbH').altKey).toBe('mueller');
  });
});
