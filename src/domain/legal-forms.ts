import { LEGAL_FORM_TABLE } from './legal-form-table.js';
import { type NameToken, tokenise } from './name-tokens.js';

/**
 * Legal forms at the end of a name, matched on token keys (so "S.A.", "SA" and "s.a." are one
 * form). Generic words such as Group, Holdings or Services are deliberately absent: "Acme Group"
 * and "Acme" are different companies often enough.
 *
 * The rule for forms that are also words: a form matched as ONE token whose key has at most two
 * letters ("AG", "SA", "Co", "PC", "AS"), or that is an everyday word ("SpA", "SAS", "publ"),
 * counts only in a legal spelling: all capitals, dotted ("A.G."), or exactly as the ELF table
 * writes it ("Co", "Oy", "eV"). So "Greenfield AG" drops "AG" but "Greenfield Ag" keeps it, and
 * "Day Spa" keeps "Spa". A form of several tokens ("Sp. z o.o.", "Pty Ltd") is specific enough in
 * any spelling. "Co"/"Company" right after "&" or "and" is part of the name ("Fresh & Co",
 * "Tiffany & Co."), unless a longer form takes it ("GmbH & Co. KG").
 */
interface FormTable {
  readonly forms: ReadonlySet<string>;
  /** Every form as its token keys ("pty", "ltd"). */
  readonly keyLists: readonly (readonly string[])[];
  readonly lastKeys: ReadonlySet<string>;
  readonly longest: number;
  /** Per last key, the token counts of the forms ending in it, longest first. */
  readonly lengths: ReadonlyMap<string, readonly number[]>;
  /** Per key, how the table writes it. */
  readonly spellings: ReadonlyMap<string, ReadonlySet<string>>;
}

const EVERYDAY_WORDS: ReadonlySet<string> = new Set(['spa', 'sas', 'publ']);
const COMPANY: ReadonlySet<string> = new Set(['co', 'company']);
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

const TABLE: FormTable = buildTable();

function buildTable(): FormTable {
  const forms = new Set<string>();
  const lastKeys = new Set<string>();
  const spellings = new Map<string, Set<string>>();
  const lengths = new Map<string, number[]>();
  const keyLists = new Map<string, string[]>();
  let longest = 1;
  for (const [, list] of LEGAL_FORM_TABLE) {
    for (const spelling of list.split('|')) {
      const tokens = tokenise(spelling.normalize('NFC'));
      const last = tokens[tokens.length - 1];
      if (last === undefined) continue;
      const keys = tokens.map((token) => token.key);
      forms.add(keys.join(' '));
      keyLists.set(keys.join(' '), keys);
      lastKeys.add(last.key);
      const counts = lengths.get(last.key) ?? [];
      if (!counts.includes(tokens.length)) counts.push(tokens.length);
      lengths.set(
        last.key,
        counts.sort((a, b) => b - a),
      );
      longest = Math.max(longest, tokens.length);
      for (const token of tokens) {
        const set = spellings.get(token.key) ?? new Set<string>();
        set.add(token.text.replace(/\.$/, ''));
        spellings.set(token.key, set);
      }
    }
  }
  return { forms, keyLists: [...keyLists.values()], lastKeys, longest, spellings, lengths };
}

/**
 * How many tokens at the end of `tokens[0..cut)` are a legal form (0 when none), keeping at least
 * `keep` tokens before it.
 */
export function legalFormLength(
  tokens: readonly NameToken[],
  cut: number,
  keep: number,
  caseless: boolean,
): number {
  const last = tokens[cut - 1];
  if (last === undefined || last.connector) return 0;
  const single = last.text.length <= 2 && SINGLE_LETTER.test(last.text);
  if (!single) return wordFormLength(tokens, cut, keep, caseless);
  // The keys of the last n tokens, joined with and without spaces, built from the end.
  const spaced: string[] = [];
  const joined: string[] = [];
  let allSingle = true;
  let part = '';
  let glued = '';
  for (let n = 1; n <= Math.min(TABLE.longest, cut - keep); n += 1) {
    const token = tokens[cut - n];
    if (token === undefined) break;
    part = n === 1 ? token.key : `${token.key} ${part}`;
    glued = token.key + glued;
    allSingle = allSingle && SINGLE_LETTER.test(token.text);
    spaced.push(part);
    joined.push(allSingle && n > 1 ? glued : '');
  }
  for (let n = spaced.length; n >= 1; n -= 1) {
    const isForm = TABLE.forms.has(spaced[n - 1] ?? '') || TABLE.forms.has(joined[n - 1] ?? '\u0000');
    if (!isForm) continue;
    if (n === 1 && !singleFormCounts(last, tokens[cut - 2], caseless)) continue;
    return n;
  }
  return 0;
}

const SINGLE_LETTER = /^\p{L}$/u;

/**
 * legalFormLength when the last token is not a single letter (nearly always): no glued initials
 * then, so only the forms ending in its key are tried, without building every tail of the name.
 */
function wordFormLength(tokens: readonly NameToken[], cut: number, keep: number, caseless: boolean): number {
  const last = tokens[cut - 1];
  const counts = last === undefined ? undefined : TABLE.lengths.get(last.key);
  if (last === undefined || counts === undefined) return 0;
  const most = Math.min(TABLE.longest, cut - keep);
  for (const n of counts) {
    if (n > most) continue;
    let spaced = last.key;
    for (let k = 2; k <= n; k += 1) spaced = `${tokens[cut - k]?.key ?? ''} ${spaced}`;
    if (!TABLE.forms.has(spaced)) continue;
    if (n === 1 && !singleFormCounts(last, tokens[cut - 2], caseless)) continue;
    return n;
  }
  return 0;
}

/**
 * A one-token form that is also a word counts only in a legal spelling; in a name with no
 * capitals at all ("bayer ag") case says nothing, so there any spelling counts.
 */
export function singleFormCounts(
  token: Pick<NameToken, 'key' | 'text' | 'dotted' | 'end' | 'quoteEnd'>,
  before: Pick<NameToken, 'key'> | undefined,
  caseless: boolean,
): boolean {
  if (COMPANY.has(token.key) && before !== undefined && before.key === 'and') return false;
  if (token.key.length > 2 && !EVERYDAY_WORDS.has(token.key)) return true;
  if (token.dotted || token.quoteEnd > token.end || caseless) return true;
  if (UPPER.test(token.text) && !LOWER.test(token.text)) return true;
  return TABLE.spellings.get(token.key)?.has(token.text) ?? false;
}

/** Every legal form as its token keys (["pty", "ltd"]), each once. */
export const LEGAL_FORM_KEYS: readonly (readonly string[])[] = TABLE.keyLists;

/**
 * Whether singleFormCounts may refuse a one-token form with this key; for any other key the form
 * counts in every spelling (the rule above).
 */
export function formSpellingMatters(key: string): boolean {
  return COMPANY.has(key) || key.length <= 2 || EVERYDAY_WORDS.has(key);
}

/** The most tokens a legal form has. */
export const LONGEST_FORM: number = TABLE.longest;

/** Long one-word forms ("corporation", "company", "limited"), for misspelt or glued forms. */
export const LONG_FORMS: readonly string[] = [...TABLE.forms].filter(
  (form) => !form.includes(' ') && form.length >= 5,
);

/** One-word forms that may be glued to the name ("AcmeInc", "MicrosoftCorporation"). */
export const GLUED_FORMS: readonly string[] = [
  ...LONG_FORMS.filter((form) => !EVERYDAY_WORDS.has(form)),
  'inc',
  'llc',
  'ltd',
  'corp',
  'gmbh',
  'pllc',
  'plc',
  'kgaa',
];
