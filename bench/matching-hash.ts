import { createHash } from 'node:crypto';
import { companyClassifier, diffCompanies, reviewOrderKey } from '../src/domain/diff.js';
import type { ManagedCompany } from '../src/domain/directory.js';
import { buildCompanyNameIndex, findDuplicateCandidates } from '../src/domain/name-matching.js';
import type { PsaCompany } from '../src/domain/psa-records.js';
import { buildLabelledSet } from '../test/fixtures/company-names/labelled-set.js';
import { mulberry32, pick } from '../test/fixtures/company-names/seeded-random.js';
import { scaleCase } from './matching-bench.js';

/**
 * `node dist/bench/matching-hash.js`: a hash of everything duplicate matching outputs (rows,
 * statuses, candidates, strengths, reasons, order, order keys) for the 100k case, the labelled set
 * and a set of randomly mangled names, so a speed-up can be checked to change no output at all.
 */
function main(): void {
  const set = buildLabelledSet();
  const labelledManaged = set.managed.map((name, i) => managed(i, name));
  const labelledFetched = set.rows.map((row, i) => psa(i + 1, row.psaName));
  const mangled = mangledCase(set.managed);
  const scale = scaleCase();
  const cases: ReadonlyArray<readonly [string, readonly ManagedCompany[], readonly PsaCompany[]]> = [
    ['labelled', labelledManaged, labelledFetched],
    ['mangled', mangled.companies, mangled.fetched],
    ['100k', scale.companies, scale.fetched],
  ];
  for (const [label, companies, fetched] of cases) {
    const hash = createHash('sha256');
    const review = diffCompanies({ fetched, links: [], companies, missingCauses: new Map() });
    for (const row of review.inPsa) {
      hash.update(JSON.stringify([row.company.psaId, row.status, row.candidates, reviewOrderKey(row)]));
      hash.update('\n');
    }
    const index = buildCompanyNameIndex(companies);
    for (const company of fetched) {
      hash.update(JSON.stringify(findDuplicateCandidates(company.name, index)));
    }
    const classify = companyClassifier([], companies);
    for (const company of fetched) hash.update(reviewOrderKey(classify(company)));
    const flagged = review.inPsa.filter((row) => row.status === 'potential-duplicate').length;
    console.log(`${label}: ${fetched.length} rows, ${flagged} flagged, ${hash.digest('hex')}`);
  }
}

// Characters that take names off the plain-ASCII paths: dots, ampersands, apostrophes, accents,
// invisible and look-alike characters, full-width forms, notes.
const INSERTS = [
  '.',
  ',',
  '&',
  '+',
  "'",
  '’',
  '-',
  '/',
  ' ',
  '  ',
  'é',
  'ü',
  'ß',
  '\u200b',
  '\u00ad',
  'о',
  'Ａ',
  '＆',
  '(',
  ')',
  ' (OLD)',
  ' - DO NOT USE',
  'zz ',
  ' Inc.',
  ' P.C.',
  ' Co',
  ' AG',
  ' S.A.',
  'St. ',
  'The ',
  ' OLD',
  '1',
];

function mangledCase(base: readonly string[]): { companies: ManagedCompany[]; fetched: PsaCompany[] } {
  const rng = mulberry32(7);
  const mangle = (name: string): string => {
    let out = name;
    const edits = 1 + Math.floor(rng() * 3);
    for (let e = 0; e < edits; e += 1) {
      const at = Math.floor(rng() * (out.length + 1));
      const roll = rng();
      if (roll < 0.3) out = out.slice(0, at) + pick(INSERTS, rng) + out.slice(at);
      else if (roll < 0.45) out = out.slice(0, at) + out.slice(at + 1);
      else if (roll < 0.6) out = out.slice(0, at) + (out[at + 1] ?? '') + (out[at] ?? '') + out.slice(at + 2);
      else if (roll < 0.75) out = rng() < 0.5 ? out.toUpperCase() : out.toLowerCase();
      else if (roll < 0.9) out = `${out}${pick(INSERTS, rng)}`;
      else out = `${pick(INSERTS, rng)}${out}`;
    }
    return out;
  };
  const companies = [...base, ...base.map(mangle), ...base.map(mangle)].map((name, i) => managed(i, name));
  const fetched: PsaCompany[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const source = pick(base, rng);
    fetched.push(psa(i + 1, rng() < 0.1 ? source : mangle(source)));
  }
  return { companies, fetched };
}

function managed(i: number, name: string): ManagedCompany {
  return { id: `m${i}`, name, createdAt: '2024-01-01T00:00:00.000Z' };
}

function psa(psaId: number, name: string): PsaCompany {
  return { psaId, name, typeNames: [], statusName: null, active: true, updatedAt: null, nameCut: false };
}

main();
