/**
 * A PSA name given as text takes quick paths (name-matching.ts, quick-candidates.ts): no hit read
 * from its hashes, or hits that are all managed names of the same text but for the capitals of
 * ASCII letters, or all the same text but for a typo in one word, whose reasons are then written
 * without analysing either name. Given as an analysis, the same name takes the full path. Both
 * must give the same candidates, in the same order, with the same reasons.
 */
import { describe, expect, it } from 'vitest';
import { scaleCase } from '../../../bench/matching-bench.js';
import type { ManagedCompany } from '../../../src/domain/directory.js';
import { addHashed } from '../../../src/domain/hash-multimap.js';
import { hashKeyText } from '../../../src/domain/name-key-hash.js';
import {
  analyseCompanyName,
  buildCompanyNameIndex,
  findDuplicateCandidates,
} from '../../../src/domain/name-matching.js';
import { EDGE_NAMES } from '../../fixtures/company-names/edge-names.js';
import { buildLabelledSet } from '../../fixtures/company-names/labelled-set.js';
import { mulberry32 } from '../../fixtures/company-names/seeded-random.js';

// Names whose case decides what they are: forms in their legal spelling only ("AG", "Co"), notes
// in capitals, sorting prefixes, dotted initials, short spellings; the same text twice under
// other ids, and names that share a key but not a text.
const MANAGED_NAMES: readonly string[] = [
  ...EDGE_NAMES,
  'Greenfield Co',
  'GREENFIELD CO',
  'Acme Sa',
  'Acme SA',
  'Acme Old',
  'Acme Inc',
  'Acme LLC',
  'acme',
  'Blue Sky Dental',
  'Blue Sky Dental',
  'BLUE SKY DENTAL P.C.',
  'Saint Marys Clinic',
  'St. Marys Clinic',
  'Northgate Realty Inc.',
  // One word one typo from two managed words ("Summit Marin").
  'Summit Marine',
  'Summit Marina',
  // Listed against the review order, which puts capitals first among the same letters.
  'zeta labs',
  'Zeta Labs',
  'ZETA LABS',
];

function managed(names: readonly string[]): ManagedCompany[] {
  return names.map((name, i) => ({ id: `m${i}`, name, createdAt: '2024-01-01T00:00:00.000Z' }));
}

/** The name with each ASCII letter's case flipped at random, plus its upper, lower and own case. */
function caseVariants(name: string, random: () => number): string[] {
  const flipped = [...name]
    .map((char) => (random() < 0.5 ? char.toUpperCase() : char.toLowerCase()))
    .join('');
  return [name, name.toUpperCase(), name.toLowerCase(), flipped];
}

/** The name with one typo at `at`: a letter left out, doubled or replaced, or two swapped. */
function typoVariants(name: string, at: number): string[] {
  const [a, b] = [name[at] ?? '', name[at + 1] ?? ''];
  const variants = [
    name.slice(0, at) + name.slice(at + 1),
    name.slice(0, at) + a + name.slice(at),
    `${name.slice(0, at)}x${name.slice(at + 1)}`,
  ];
  if (b !== '') variants.push(name.slice(0, at) + b + a + name.slice(at + 2));
  return variants;
}

/** The name with notes as MSPs add them, in several shapes, some the quick path refuses. */
function notedVariants(name: string): string[] {
  return [
    `${name} (OLD)`,
    `${name.toUpperCase()} (old)`,
    `${name} - DO NOT USE`,
    `${name}-- inactive`,
    `${name}, (OLD)`,
    `${name}  [Inactive]`,
    `${name} *DNU*`,
    `${name} (OLD) (DNU)`,
    `${name} OLD`,
    `zz ${name}`,
    `${name} (Müller)`,
  ];
}

/** PSA names whose quick and full paths disagree, with both answers. */
function disagreements(companies: readonly ManagedCompany[], psaNames: readonly string[]) {
  const index = buildCompanyNameIndex(companies);
  const wrong: { name: string; quick: unknown; full: unknown }[] = [];
  for (const name of psaNames) {
    const quick = findDuplicateCandidates(name, index);
    const full = findDuplicateCandidates(analyseCompanyName(name), index);
    if (JSON.stringify(quick) !== JSON.stringify(full)) wrong.push({ name, quick, full });
  }
  return wrong;
}

describe('matching a name given as text and as its analysis', () => {
  it('agrees on the edge names and their case variants', () => {
    const random = mulberry32(5);
    const psaNames = MANAGED_NAMES.flatMap((name) => caseVariants(name, random));
    expect(disagreements(managed(MANAGED_NAMES), psaNames)).toEqual([]);
  });

  it('agrees on typos anywhere in the edge names and the labelled names, in any capitals', () => {
    const random = mulberry32(7);
    const names = [...MANAGED_NAMES, ...buildLabelledSet().managed.slice(0, 150)];
    const psaNames = names.flatMap((name) =>
      Array.from(name, (_, at) => typoVariants(name, at)).flatMap((typos) =>
        typos.flatMap((typo) => [typo, ...caseVariants(typo, random).slice(1, 2)]),
      ),
    );
    expect(psaNames.length).toBeGreaterThan(5_000);
    expect(disagreements(managed(names), psaNames)).toEqual([]);
  });

  it('agrees on notes after the edge names and the labelled names, in any capitals', () => {
    const random = mulberry32(3);
    const names = [...MANAGED_NAMES, ...buildLabelledSet().managed.slice(0, 300)];
    const psaNames = names.flatMap((name) => [
      ...notedVariants(name),
      ...notedVariants(caseVariants(name, random)[3] ?? name),
    ]);
    expect(disagreements(managed(names), psaNames)).toEqual([]);
  });

  it('writes the reason of a note after a name typed the same way', () => {
    const index = buildCompanyNameIndex(managed(['Acme Widgets, Inc.', 'Other Co']));
    expect(findDuplicateCandidates('ACME WIDGETS, INC. - do not use', index)).toEqual([
      {
        companyId: 'm0',
        companyName: 'Acme Widgets, Inc.',
        reason: 'similar to "Acme Widgets, Inc.": ignoring the note "do not use", ignoring case',
        strength: 'similar',
      },
    ]);
  });

  it('writes the reason of a typo in a name typed otherwise the same way', () => {
    const index = buildCompanyNameIndex(managed(['Blue Sky Accounting, Inc.', 'Other Co']));
    expect(findDuplicateCandidates('Blue Sky Accountnig, Inc.', index)).toEqual([
      {
        companyId: 'm0',
        companyName: 'Blue Sky Accounting, Inc.',
        reason: 'similar to "Blue Sky Accounting, Inc.": two letters swapped: "Accountnig" / "Accounting"',
        strength: 'similar',
      },
    ]);
  });

  it('writes the reason of a same text, and of a text in other capitals, without analysing', () => {
    const index = buildCompanyNameIndex(managed(['Acme Widgets, Inc.', 'Other Co']));
    expect(findDuplicateCandidates('Acme Widgets, Inc.', index)).toEqual([
      {
        companyId: 'm0',
        companyName: 'Acme Widgets, Inc.',
        reason: 'same name as "Acme Widgets, Inc."',
        strength: 'same',
      },
    ]);
    expect(findDuplicateCandidates('ACME WIDGETS, INC.', index)).toEqual([
      {
        companyId: 'm0',
        companyName: 'Acme Widgets, Inc.',
        reason: 'same name as "Acme Widgets, Inc." ignoring case',
        strength: 'same',
      },
    ]);
  });

  it('agrees on the labelled set, its names in other capitals, and the bench names', () => {
    const random = mulberry32(9);
    const labelled = buildLabelledSet();
    const companies = managed(labelled.managed);
    const psaNames = labelled.rows.flatMap((row) => caseVariants(row.psaName, random));
    expect(disagreements(companies, psaNames)).toEqual([]);

    const bench = scaleCase(4_000);
    expect(
      disagreements(
        bench.companies,
        bench.fetched.map((company) => company.name),
      ),
    ).toEqual([]);
  });

  it('takes the full path when a colliding hash brings a same text whose kept words differ', () => {
    // "Acme Sa" keeps "sa" (not a legal spelling), "ACME SA" drops it: other keys, so only a
    // collision of their 32-bit hashes can bring the one to the other. Planted here: the managed
    // name filed under the PSA name's key as well (in the slot "***", which has no key, left).
    const index = buildCompanyNameIndex(managed(['Acme Sa', 'Other Co', '***']));
    addHashed(index.byCompact, hashKeyText('acme', false), 0);
    expect(findDuplicateCandidates('ACME SA', index)).toEqual([]);
    expect(findDuplicateCandidates(analyseCompanyName('ACME SA'), index)).toEqual([]);
  });
});
