import { describe, expect, it } from 'vitest';
import { scaleCase } from '../../../bench/matching-bench.js';
import { analyseCompanyName } from '../../../src/domain/company-name.js';
import { hashKeyText, hashWords } from '../../../src/domain/name-key-hash.js';
import { NameKeyReader } from '../../../src/domain/name-key-reader.js';
import { EDGE_NAMES } from '../../fixtures/company-names/edge-names.js';
import { buildLabelledSet } from '../../fixtures/company-names/labelled-set.js';
import { mulberry32, pick } from '../../fixtures/company-names/seeded-random.js';

const reader = new NameKeyReader();

/** What the reader read of `name`, or null when it left the name to the analysis. */
function read(name: string): Read | null {
  if (!reader.read(name)) return null;
  const words: string[] = [];
  const wordHashes: number[] = [];
  const lengths: number[] = [];
  let wordsCompare = true;
  for (let i = reader.from; i < reader.to; i += 1) {
    const word = reader.word(i);
    words.push(word);
    wordHashes.push(reader.wordHash(i));
    lengths.push(reader.wordLength(i));
    wordsCompare &&= reader.isWord(i, word) && !reader.isWord(i, `${word}x`) && !reader.isWord(i, 'zz');
  }
  reader.keyHashes();
  // The one-pass hashes of a lookup must be the word-by-word ones.
  const compact = reader.compact === reader.hash(false) ? reader.compact : Number.NaN;
  const spaced = reader.spaced === reader.hash(true) ? reader.spaced : Number.NaN;
  return { words, compact, spaced, wordHashes, lengths, wordsCompare };
}

interface Read {
  readonly words: string[];
  readonly compact: number;
  readonly spaced: number;
  readonly wordHashes: number[];
  readonly lengths: number[];
  readonly wordsCompare: boolean;
}

/** The same, from the full analysis. */
function analysed(name: string): Read {
  const { kept } = analyseCompanyName(name);
  const words = kept.map((token) => token.word);
  return {
    words,
    compact: hashWords(kept, false),
    spaced: hashWords(kept, true),
    wordHashes: words.map((word) => hashKeyText(word, true)),
    lengths: words.map((word) => word.length),
    wordsCompare: words.every((word) => word !== 'zz'),
  };
}

/** Names the reader gets wrong: read, but not as the analysis reads them. */
function misread(names: readonly string[]): string[] {
  return names.filter((name) => {
    const quick = read(name);
    return quick !== null && JSON.stringify(quick) !== JSON.stringify(analysed(name));
  });
}

// Beyond the shared edge names: forms of several words, spellings the reader refuses, repeats.
const EDGES = [
  ...EDGE_NAMES,
  'The Acme',
  'T.H.E. Acme',
  'Bayer Ag',
  'Fresh and Company',
  'Acme Co',
  'Acme Co.',
  'ACME CO',
  'Acme Company',
  'Acme Pty Ltd',
  'Acme Pvt. Ltd.',
  'Acme Co Ltd',
  'Acme Ltd Co',
  'Acme Ltd',
  'Acme Limited Liability Company',
  'Acme Professional Corporation',
  'Acme Corporatoin',
  'ACME WIDGETS OLD',
  'Z.Z. Acme',
  'Acme Ctr',
  'Smith PC',
  'Smith Pc',
  'Acme A',
  'Acme Day Spa',
  'Acme SPA',
  'Acme Inc Inc Inc',
  'Inc',
  'Inc Inc',
  'The Inc',
];

describe('NameKeyReader', () => {
  it('reads the edge cases exactly as the analysis, or leaves them to it', () => {
    expect(misread(EDGES)).toEqual([]);
  });

  it('reads every name of the labelled set and of the bench exactly as the analysis, or leaves it', () => {
    const set = buildLabelledSet();
    const { companies, fetched } = scaleCase(5_000);
    const names = [
      ...set.managed,
      ...set.rows.map((row) => row.psaName),
      ...[...companies, ...fetched].map((company) => company.name),
    ];
    expect(misread(names)).toEqual([]);
    // Most of them are plain: were the reader to leave everything to the analysis, this fails.
    expect(names.filter((name) => read(name) !== null).length).toBeGreaterThan(names.length / 2);
  });

  it('reads randomly mangled plain names exactly as the analysis, or leaves them', () => {
    const rng = mulberry32(99);
    const parts = ['Acme', 'the', 'The', 'Co', 'co.', 'Ltd', 'Pty', 'Inc.', 'P.C.', 'AG', 'Ag', 'and', 'St'];
    const words = [
      ...parts,
      'Company',
      'Corporation',
      'Compan',
      'Limted',
      'Widgets',
      'Group',
      'A',
      'x',
      '42',
    ];
    const names = Array.from({ length: 4_000 }, () => {
      const count = 1 + Math.floor(rng() * 5);
      const picked = Array.from({ length: count }, () => pick(words, rng));
      const cased = rng() < 0.2 ? picked.map((word) => word.toUpperCase()) : picked;
      return cased.join(rng() < 0.3 ? ', ' : ' ');
    });
    expect(misread(names)).toEqual([]);
  });

  it('reads plain names itself and leaves the others to the analysis', () => {
    for (const name of [
      'Acme Widgets, Inc.',
      'Smith P.C.',
      'The Acme Company',
      'Acme Pty Ltd',
      'ACME 42 INC.',
    ]) {
      expect(read(name), name).not.toBeNull();
    }
    expect(read('The Acme Group LLC')?.words).toEqual(['acme', 'group']);
    expect(read('Acme Pty Ltd')?.words).toEqual(['acme']);
    // A spelling, an odd form, a trailing letter, a note, Unicode, punctuation: the analysis's.
    for (const name of ['St Marys Clinic', 'Acme Compan', 'AcmeInc', 'Acme A', 'zz Acme', 'Müller', 'AT&T']) {
      expect(read(name), name).toBeNull();
    }
  });
});
