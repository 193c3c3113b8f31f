import { GLUED_FORMS, LONG_FORMS } from './legal-forms.js';
import { hashKeyText } from './name-key-hash.js';
import { type NameToken, wordFor } from './name-tokens.js';
import { EDIT_WORDS, typoCandidate, type WordEditKind, wordEdit } from './word-edit.js';

/** How a legal form at the end of a name is odd, and the form it stands for. */
export type OddFormMatch =
  | { readonly kind: 'misspelt'; readonly form: string; readonly edit: WordEditKind }
  | { readonly kind: 'apart'; readonly form: string }
  | { readonly kind: 'glued'; readonly form: string };

/** What the odd-form rules read of a token: a name's analysis and its quick key both give it. */
export type OddFormToken = Pick<NameToken, 'key' | 'text' | 'connector'>;

const ASCII_LETTERS = /^[A-Za-z]+$/;
// Quick refusals, since the last word of nearly every name is looked at: the proper endings of
// the long forms ("ation" of "corporation"), and the last letters of the glued forms.
const LONG_FORM_ENDS: ReadonlySet<string> = new Set(
  LONG_FORMS.flatMap((form) => Array.from({ length: form.length - 1 }, (_, i) => form.slice(i + 1))),
);
const GLUED_ENDS: ReadonlySet<number> = new Set(GLUED_FORMS.map((form) => form.charCodeAt(form.length - 1)));

/** A word's length and first and last char codes (lower case), its hashKeyText, and its ends. */
export interface WordEnds {
  readonly length: number;
  readonly first: number;
  readonly last: number;
  readonly hash: number;
  endsWith(form: string): boolean;
}

/**
 * Whether findOddForm may find a form on a last word with this length and these char codes (lower
 * case): a quick refusal for readers that have not built the word. `endsWith(form)` tells whether
 * the word ends in `form`; `hash` is the word's hashKeyText.
 */
export function mayBeOddForm(word: WordEnds, count: number): boolean {
  if (count >= 2 && word.length >= 5 && MISSPELT_STARTS.has(word.first * 64 + Math.min(word.length, 63)))
    return true;
  if (count >= 3 && LONG_FORM_END_HASHES.has(word.hash)) return true;
  for (const form of GLUED_BY_LAST[word.last] ?? NO_FORMS) {
    if (word.length - form.length >= 3 && word.endsWith(form)) return true;
  }
  return false;
}

const NO_FORMS: readonly string[] = [];
// First letter * 64 + length of the words one typo from a long form (a typo keeps the first letter
// and the length within one, see word-edit.ts).
const MISSPELT_STARTS: ReadonlySet<number> = new Set(
  LONG_FORMS.flatMap((form) =>
    [-1, 0, 1].map((delta) => form.charCodeAt(0) * 64 + Math.min(form.length + delta, 63)),
  ),
);
const LONG_FORM_END_HASHES: ReadonlySet<number> = new Set(
  [...LONG_FORM_ENDS].map((end) => hashKeyText(end, true)),
);
const GLUED_BY_LAST: readonly (readonly string[] | undefined)[] = gluedByLast();

function gluedByLast(): string[][] {
  const table: string[][] = [];
  for (const form of GLUED_FORMS) {
    const last = form.charCodeAt(form.length - 1);
    table[last] = [...(table[last] ?? []), form];
  }
  return table;
}

/**
 * A misspelt ("Compan"), split ("Corpor ation") or glued ("AcmeInc") legal form ending a name whose
 * kept words end in `before`, `last` (`count` of them), if any. Only a similar name can be read
 * that way, so the form is removed from the key but described (see AnalysedName.oddForm).
 */
export function findOddForm(
  last: OddFormToken | undefined,
  before: OddFormToken | undefined,
  count: number,
): OddFormMatch | null {
  if (last === undefined || last.connector) return null;
  if (before !== undefined && typoCandidate(last.key) && last.key.length >= 5) {
    for (const form of LONG_FORMS) {
      // One typo keeps the first letter and the length within one (see word-edit.ts).
      if (form.charCodeAt(0) !== last.key.charCodeAt(0) || Math.abs(form.length - last.key.length) > 1)
        continue;
      // "Fresh & Company" keeps its "Company" (see legal-forms.ts), misspelt or not.
      if (before.key === 'and' && form === 'company') continue;
      const edit = wordEdit(last.key, form);
      if (edit !== null) return { kind: 'misspelt', form, edit };
    }
  }
  if (before !== undefined && count >= 3 && !before.connector) {
    const joined = LONG_FORM_ENDS.has(last.key) ? before.key + last.key : '';
    if (LONG_FORMS.includes(joined)) return { kind: 'apart', form: joined };
  }
  if (GLUED_ENDS.has(last.key.charCodeAt(last.key.length - 1)) && ASCII_LETTERS.test(last.text)) {
    for (const form of GLUED_FORMS) {
      if (last.key.length - form.length >= 3 && last.key.endsWith(form)) return { kind: 'glued', form };
    }
  }
  return null;
}

/** findOddForm on a name's kept tokens, with the tokens it leaves and the reason it gives. */
export function readOddForm(
  kept: readonly NameToken[],
  scan: string,
): { kept: NameToken[]; drop: number; reason: string; form: string } | null {
  const last = kept[kept.length - 1];
  const before = kept[kept.length - 2];
  const match = findOddForm(last, before, kept.length);
  if (match === null || last === undefined) return null;
  const { form } = match;
  switch (match.kind) {
    case 'misspelt': {
      const reason = `${EDIT_WORDS[match.edit]} in the legal form: "${last.text}" / "${form}"`;
      return { kept: kept.slice(0, -1), drop: 1, reason, form };
    }
    case 'apart': {
      const reason = `legal form written apart: "${scan.slice(before?.start ?? last.start, last.end)}"`;
      return { kept: kept.slice(0, -2), drop: 2, reason, form };
    }
    case 'glued': {
      const length = last.key.length - form.length;
      const key = last.key.slice(0, length);
      const prefix: NameToken = {
        ...last,
        text: last.text.slice(0, length),
        key,
        word: wordFor(key),
        end: last.start + length,
        quoteEnd: last.start + length,
      };
      const reason = `legal form written together: "${last.text}"`;
      return { kept: [...kept.slice(0, -1), prefix], drop: 0, reason, form };
    }
  }
}
