import { describe, expect, it } from 'vitest';
import { type AnalysedName, analyseCompanyName } from '../../../src/domain/company-name.js';
import { describeDifferences } from '../../../src/domain/name-differences.js';
import { sameWithoutSpaces, separatorDifferences } from '../../../src/domain/name-separators.js';
import type { NameToken } from '../../../src/domain/name-tokens.js';
import { listOf, quote, quotedList } from '../../../src/domain/quoted-list.js';
import { PUNCTUATION, SPACING, wordDifferences } from '../../../src/domain/word-differences.js';
import { mulberry32, pick } from '../../fixtures/company-names/seeded-random.js';

// The reasons take char-code loops for printable ASCII and the Unicode path for anything else;
// these tests hold the loops to the Unicode path (and the in-place separator comparison to one
// that cuts the separators out), so a faster reason can never read differently.

const WORDS = ['Acme', 'Blue', 'Sky', 'Dental', "Mary's", "Marys'", 'St', 'Saint', 'Bros', 'Brothers'];
const MORE = ['Intl', 'International', 'Co', 'Company', 'North-Gate', 'O.K.', 'Widgets', '66', 'A1'];
const FORMS = ['Inc', 'Inc.', 'INC', 'LLC', 'L.L.C.', 'Ltd', 'Ltd.', 'GmbH', 'P.C.', 'Corp', 'Co.'];
const SEPARATORS = [' ', ' ', ' ', '  ', ', ', ' - ', '-', ' & ', ' + ', ' and ', '/', '. '];
const NOTES = ['', '', '', ' (OLD)', ' - DO NOT USE', ' [inactive]'];

/** A random spelling of a name made of `words`, so two draws often differ only in form. */
function spell(words: readonly string[], rng: () => number): string {
  let name = rng() < 0.15 ? pick(['The ', 'the ', 'zz '], rng) : '';
  words.forEach((word, index) => {
    if (index > 0) name += pick(SEPARATORS, rng);
    const casing = rng();
    name += casing < 0.2 ? word.toUpperCase() : casing < 0.3 ? word.toLowerCase() : word;
    if (rng() < 0.1) name += pick(['.', ',', "'"], rng);
  });
  if (rng() < 0.5) name += `${pick([' ', ', ', '  ', ' ,'], rng)}${pick(FORMS, rng)}`;
  if (rng() < 0.2) name += ` ${pick(FORMS, rng)}`;
  return `${name}${pick(NOTES, rng)}${rng() < 0.1 ? ' ' : ''}`;
}

function seededPairs(seed: number, count: number): Array<[AnalysedName, AnalysedName]> {
  const rng = mulberry32(seed);
  const pairs: Array<[AnalysedName, AnalysedName]> = [];
  while (pairs.length < count) {
    const words = Array.from({ length: 1 + Math.floor(rng() * 3) }, () =>
      pick(rng() < 0.7 ? WORDS : MORE, rng),
    );
    const psa = analyseCompanyName(spell(words, rng));
    const managed = analyseCompanyName(spell(words, rng));
    if (psa.kept.length > 0 && managed.kept.length > 0) pairs.push([psa, managed]);
  }
  return pairs;
}

describe('the plain-ASCII path of match reasons', () => {
  const pairs = seededPairs(11, 4000);

  it('reads every seeded ASCII pair exactly as the general path does', () => {
    const seen = new Set<string>();
    for (const [psa, managed] of pairs) {
      for (const skip of [-1, 0, 1, null]) {
        const fast = describeDifferences(psa, managed, skip);
        expect(fast).toEqual(describeDifferences(psa, managed, skip, true));
        for (const part of fast.text.split(', ')) seen.add(part);
      }
    }
    // The pairs reach every kind of difference, so the comparison above covers each.
    for (const kind of [
      /^after removing "/,
      /^ignoring .*case/,
      /^ignoring .*punctuation/,
      /^ignoring .*spacing/,
      /^reading "\w+" as "(?!and")/,
      /^reading "[&+]" as "and"/,
    ]) {
      expect([kind, [...seen].some((text) => kind.test(text))]).toEqual([kind, true]);
    }
  });

  it('tells word differences as the Unicode path does, for any printable ASCII', () => {
    const rng = mulberry32(7);
    const alphabet = ['a', 'A', 'b', 'B', '1', ' ', '.', "'", '-', '&'];
    const word = (): string =>
      Array.from({ length: 1 + Math.floor(rng() * 5) }, () => pick(alphabet, rng)).join('');
    const kinds = new Set<number>();
    for (let i = 0; i < 20_000; i += 1) {
      const a = word();
      const b = rng() < 0.5 ? word() : a.toUpperCase();
      const flags = wordDifferences(a, b, false);
      expect([a, b, flags]).toEqual([a, b, wordDifferences(a, b, true)]);
      kinds.add(flags);
    }
    expect(kinds.size).toBeGreaterThan(4);
  });

  it('leaves words with accents, look-alikes and full-width letters to the Unicode path', () => {
    expect(wordDifferences('Müller', 'MÜLLER', false)).toBe(wordDifferences('Müller', 'MÜLLER', true));
    expect(wordDifferences('Acme', 'Acmе', false)).toBe(wordDifferences('Acme', 'Acmе', true));
    expect(wordDifferences('Ａcme', 'acme', false)).toBe(wordDifferences('Ａcme', 'acme', true));
    // The same Cyrillic "с" on both sides, and a change of case: still the look-alike reading.
    expect(wordDifferences('Aсme', 'AсME', false)).toBe(wordDifferences('Aсme', 'AсME', true));
    expect(wordDifferences('Acme', 'Acme', false)).toBe(0);
  });
});

describe('separators compared in place', () => {
  it('flags what the separators cut out as strings would', () => {
    for (const [psa, managed] of seededPairs(23, 4000)) {
      expect([psa.source, managed.source, separatorDifferences(psa, managed)]).toEqual([
        psa.source,
        managed.source,
        separatorsCutOut(psa, managed),
      ]);
    }
  });

  it('reads kept parts of different lengths in order, a missing separator as ""', () => {
    const a = keptOnly('A, B  C', [0, 3, 6]);
    const b = keptOnly('A B', [0, 2]);
    expect(separatorDifferences(a, b)).toBe(PUNCTUATION | SPACING);
    expect(separatorDifferences(b, a)).toBe(PUNCTUATION | SPACING);
    expect(separatorDifferences(b, keptOnly('A - B', [0, 4]))).toBe(PUNCTUATION);
  });

  it('skips every whitespace `\\s` matches, no more', () => {
    for (const [a, b] of [
      ['a\u00a0b', 'ab'],
      ['a\u3000 b', 'a\tb'],
      ['a\u200bb', 'ab'],
      ['a.b', 'a b'],
    ] as const) {
      const expected = a.replace(/\s+/gu, '') === b.replace(/\s+/gu, '');
      expect([a, b, sameWithoutSpaces(a, 0, a.length, b, 0, b.length)]).toEqual([a, b, expected]);
    }
  });
});

describe('quoted lists', () => {
  it('read as listOf the quoted items', () => {
    for (const items of [[], ['Inc.'], ['Inc.', 'LLC'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]) {
      expect(quotedList(items)).toBe(listOf(items.map(quote)));
    }
  });
});

/** The separators of both names as strings, compared in order (the reading the reasons keep). */
function separatorsCutOut(a: AnalysedName, b: AnalysedName): number {
  const leading = a.removedLeading === b.removedLeading;
  const trailing = a.removedTrailing === b.removedTrailing;
  const others = separatorTexts(b, leading, trailing);
  let flags = 0;
  separatorTexts(a, leading, trailing).forEach((sep, index) => {
    const other = others[index] ?? '';
    if (sep !== other)
      flags |= sep.replace(/\s+/gu, '') === other.replace(/\s+/gu, '') ? SPACING : PUNCTUATION;
  });
  return flags;
}

function separatorTexts(name: AnalysedName, leading: boolean, trailing: boolean): string[] {
  const { kept, scan } = name;
  const texts = kept.slice(1).map((token, index) => scan.slice(kept[index]?.end, token.start));
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first === undefined || last === undefined) return [];
  return [
    ...(leading ? [scan.slice(name.keptFrom, first.start).trim()] : []),
    ...texts,
    ...(trailing ? [scan.slice(last.end, name.keptTo).trim()] : []),
  ];
}

/** A name whose kept tokens are the single letters at `starts` (as a key with spaces might make). */
function keptOnly(scan: string, starts: readonly number[]): AnalysedName {
  const kept: NameToken[] = starts.map((start) => ({
    text: scan.charAt(start),
    key: scan.charAt(start).toLowerCase(),
    word: scan.charAt(start).toLowerCase(),
    start,
    end: start + 1,
    quoteEnd: start + 1,
    connector: false,
    dotted: false,
  }));
  return {
    ...analyseCompanyName(scan),
    kept,
    keptFrom: 0,
    keptTo: scan.length,
    removedLeading: false,
    removedTrailing: false,
  };
}
