import type { AnalysedName } from './company-name.js';
import type { NameToken } from './name-tokens.js';
import { quote } from './quoted-list.js';
import { EDIT_WORDS, wordEdit } from './word-edit.js';

/**
 * What a typo changed, e.g. `two letters swapped: "Accountnig" / "Accounting"` (PSA spelling
 * first), or null when the words are not one typo apart.
 */
export function similarDifference(
  psa: NameToken,
  managed: NameToken | undefined,
  managedWord: string,
): string | null {
  if (managed === undefined) return null;
  return typoDifference(psa.text, psa.word, managed.text, managedWord);
}

/** similarDifference from the words' texts (as written) and words (as compared). */
export function typoDifference(
  psaText: string,
  psaWord: string,
  managedText: string,
  managedWord: string,
): string | null {
  const kind = wordEdit(psaWord, managedWord);
  if (kind === null) return null;
  return `${EDIT_WORDS[kind]}: ${quote(psaText)} / ${quote(managedText)}`;
}

/**
 * For names with the same letters but different word breaks: the part that differs, e.g.
 * `written together: "BlueSky" / "Blue Sky"`; null when the words are the same.
 */
export function spacingDifference(psa: AnalysedName, managed: AnalysedName): string | null {
  if (psa.key === managed.key) return null;
  const a = psa.kept;
  const b = managed.kept;
  let head = 0;
  while (head < a.length && head < b.length && a[head]?.word === b[head]?.word) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail]?.word === b[b.length - 1 - tail]?.word
  ) {
    tail += 1;
  }
  const partA = span(psa, head, a.length - tail);
  const partB = span(managed, head, b.length - tail);
  const countA = a.length - tail - head;
  const countB = b.length - tail - head;
  const how = countA < countB ? 'written together' : countA > countB ? 'written apart' : 'spaced differently';
  return `${how}: ${quote(partA)} / ${quote(partB)}`;
}

function span(name: AnalysedName, from: number, to: number): string {
  const first = name.kept[from];
  const last = name.kept[to - 1];
  if (first === undefined || last === undefined) return '';
  return name.scan.slice(first.start, last.end);
}
