import type { Kysely, Migration } from 'kysely';

/**
 * Recomputes `managed_companies.name_folded` with the fold duplicate matching uses (invisible
 * characters dropped, look-alike Cyrillic and Greek letters and "ß", "æ", "ø"... read as Latin),
 * so the company search finds what matching calls the same name. Frozen: a copy of the domain's
 * fold as it was when this migration was written (migrations import only kysely).
 */
const INVISIBLE = /\p{Cf}/gu;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
  ı: 'i',
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};
const FOLD_CHARS = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(FOLD_CHARS, (c) => FOLDS[c] ?? c);
}

interface Row {
  id: string;
  name: string;
  name_folded: string;
}

const PAGE = 1000;

export const refoldCompanyNames: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const companies = db as unknown as Kysely<{ managed_companies: Row }>;
    let after = '';
    for (;;) {
      const rows = await companies
        .selectFrom('managed_companies')
        .select(['id', 'name', 'name_folded'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const folded = fold(row.name);
        if (folded === row.name_folded) continue;
        await companies
          .updateTable('managed_companies')
          .set({ name_folded: folded })
          .where('id', '=', row.id)
          .execute();
      }
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < PAGE) return;
      after = last.id;
    }
  },
};
