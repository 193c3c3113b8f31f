import { describe, expect, it } from 'vitest';
import { foldText as storageFold } from '../../../adapters/storage/text-fold.js';
import { foldText } from '../../../src/domain/text-fold.js';

describe('foldText (one fold for matching and search)', () => {
  it.each([
    ['Straße', 'strasse'],
    ['Ｍüller', 'muller'],
    ['Mu\u200bller', 'muller'],
    ['Ac\u00adme', 'acme'],
    ['\u0410\u0441me', 'acme'],
    ['ÆRØ', 'aero'],
    ['École', 'ecole'],
  ])('%j folds to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('is the fold storage writes into name_folded and searches with', () => {
    expect(storageFold).toBe(foldText);
  });
});
