import { describe, expect, it } from 'vitest';
import { analyseCompanyName } from '../../../src/domain/company-name.js';

describe('the keys of an analysed name', () => {
  it('are its kept words joined, with and without spaces, once read', () => {
    const name = analyseCompanyName('The St. Mary Dental Group, Inc.');
    expect(name.key).toBe('saint mary dental group');
    expect(name.compact).toBe('saintmarydentalgroup');
    // Read again: the same text.
    expect(name.key).toBe('saint mary dental group');
  });

  it('are empty for a name without letters or digits', () => {
    const name = analyseCompanyName('---');
    expect(name.kept).toEqual([]);
    expect(name.key).toBe('');
    expect(name.compact).toBe('');
  });

  it('survive destructuring, as normalised names are read', () => {
    const { key, removed } = analyseCompanyName('Acme Widgets LLC');
    expect(key).toBe('acme widgets');
    expect(removed).toEqual(['LLC']);
  });
});
