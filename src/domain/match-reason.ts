import type { AnalysedName } from './company-name.js';
import type { NameToken } from './name-tokens.js';
import { foldText, hasCompatibilityForm, hasLookAlike } from './text-fold.js';

interface Differences {
  readonly symbols: Set<string>;
  readonly spellings: Set<string>;
  accents: boolean;
  case: boolean;
  punctuation: boolean;
  spacing: boolean;
  fullWidth: boolean;
  lookAlike: boolean;
  invisible: boolean;
}

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}\p{M}]/gu;
const ALPHANUMERIC = /[\p{L}\p{N}\p{M}]/gu;
const WHITESPACE = /\s+/gu;
const MARKS = /\p{M}+/gu;
const FULL_WIDTH = /[\uff01-\uff5e]/u;
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;

/**
 * Why two names with the same key are the same name, in plain words quoting the managed
 * company's name, e.g. `same as "ACME, Inc." after removing "Inc.", ignoring case`.
 */
export function sameReason(psa: AnalysedName, managed: AnalysedName, managedName: string): string {
  const { removed, details } = alignedDifferences(psa, managed, -1);
  const lead = removed.length > 0 ? `same as ${quote(managedName)}` : `same name as ${quote(managedName)}`;
  const parts = [...(removed.length > 0 ? [`after removing ${listOf(removed.map(quote))}`] : []), ...details];
  return parts.length > 0 ? `${lead} ${parts.join(', ')}` : lead;
}

/**
 * Why a name is similar: what makes it differ (`main`, e.g. `two letters swapped: "Accountnig" /
 * "Accounting"`), then what else differs the way same names may. `skip` is the index of a kept
 * token the main difference already covers; -1 when the kept tokens do not line up one to one.
 */
export function similarReason(
  psa: AnalysedName,
  managed: AnalysedName,
  managedName: string,
  main: string,
  skip: number | null,
): string {
  const { removed, details } =
    skip === null
      ? { removed: onlyRemoved(psa, managed), details: [] }
      : alignedDifferences(psa, managed, skip);
  const parts = [...(removed.length > 0 ? [`after removing ${listOf(removed.map(quote))}`] : []), ...details];
  return `similar to ${quote(managedName)}: ${main}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}`;
}

/** `ignoring the note "(OLD)"` for the notes only one side has, or null when both have the same. */
export function noteDifference(psa: AnalysedName, managed: AnalysedName): string | null {
  if (psa.notes.length === 0 && managed.notes.length === 0) return null;
  const psaNotes = psa.notes.map((note) => note.text);
  const managedNotes = managed.notes.map((note) => note.text);
  if (listKey(psaNotes) === listKey(managedNotes)) return null;
  const managedKeys = new Set(managedNotes.map(foldText));
  const psaKeys = new Set(psaNotes.map(foldText));
  const only = [
    ...psaNotes.filter((note) => !managedKeys.has(foldText(note))),
    ...managedNotes.filter((note) => !psaKeys.has(foldText(note))),
  ];
  const shown = only.length > 0 ? only : [...psaNotes, ...managedNotes];
  return `ignoring the ${shown.length > 1 ? 'notes' : 'note'} ${listOf(shown.map(quote))}`;
}

function listKey(notes: readonly string[]): string {
  return notes.map(foldText).join('\u0000');
}

function alignedDifferences(
  psa: AnalysedName,
  managed: AnalysedName,
  skip: number,
): { removed: string[]; details: string[] } {
  const diff: Differences = {
    symbols: new Set(),
    spellings: new Set(),
    accents: false,
    case: false,
    punctuation: false,
    spacing: false,
    fullWidth: psa.hadFullWidth || managed.hadFullWidth,
    lookAlike: false,
    invisible: psa.hadInvisible || managed.hadInvisible,
  };
  const removed = removalDifferences(psa, managed, diff);
  psa.kept.forEach((token, index) => {
    const other = managed.kept[index];
    if (other !== undefined && index !== skip) compareTokens(token, other, diff);
  });
  if (skip < 0) compareSeparators(psa, managed, diff);

  const details: string[] = [];
  if (diff.spellings.size > 0) details.push(`reading ${listOf([...diff.spellings])}`);
  if (diff.symbols.size > 0) details.push(`reading ${listOf([...diff.symbols].map(quote))} as "and"`);
  const ignoring = [
    diff.invisible ? 'invisible characters' : '',
    diff.lookAlike ? 'look-alike letters' : '',
    diff.fullWidth ? 'full-width letters' : '',
    diff.accents ? 'accents' : '',
    diff.case ? 'case' : '',
    diff.punctuation ? 'punctuation' : '',
    diff.spacing ? 'spacing' : '',
  ].filter((word) => word !== '');
  if (ignoring.length > 0) details.push(`ignoring ${listOf(ignoring)}`);
  const plain = (name: AnalysedName): boolean => name.notes.length === 0 && name.oddForm === null;
  if (
    skip < 0 &&
    removed.length === 0 &&
    details.length === 0 &&
    plain(psa) &&
    plain(managed) &&
    psa.source !== managed.source
  ) {
    // What is left differs only around parts both removed ("Visa  Inc. " / "Visa Inc.").
    const squeezed = (name: AnalysedName): string => name.scan.replace(WHITESPACE, '');
    details.push(squeezed(psa) === squeezed(managed) ? 'ignoring spacing' : 'ignoring punctuation');
  }
  return { removed, details };
}

function onlyRemoved(psa: AnalysedName, managed: AnalysedName): string[] {
  const psaRemoved = removedParts(psa, managed);
  const managedRemoved = removedParts(managed, psa);
  const psaKeys = new Set(psaRemoved.map(removalKey));
  const managedKeys = new Set(managedRemoved.map(removalKey));
  return [
    ...managedRemoved.filter((text) => !psaKeys.has(removalKey(text))),
    ...psaRemoved.filter((text) => !managedKeys.has(removalKey(text))),
  ];
}

/** What a name had removed, less the legal form a misspelt or glued form already accounts for. */
function removedParts(name: AnalysedName, other: AnalysedName): string[] {
  const odd = name.oddForm ?? other.oddForm;
  if (odd === null) return [...name.removed];
  return name.removed.filter((text) => text !== odd.text && removalKey(text) !== odd.form);
}

/**
 * What only one side had removed, as written (the managed side's first). A part both had ("Inc"
 * and "Inc.") is no removal, just written differently.
 */
function removalDifferences(psa: AnalysedName, managed: AnalysedName, diff: Differences): string[] {
  const psaRemoved = removedParts(psa, managed);
  const managedRemoved = removedParts(managed, psa);
  const psaByKey = new Map(psaRemoved.map((text) => [removalKey(text), text]));
  const managedKeys = new Set(managedRemoved.map(removalKey));
  const only: string[] = [];
  for (const text of managedRemoved) {
    const same = psaByKey.get(removalKey(text));
    if (same === undefined) only.push(text);
    else compareWords(same, text, diff);
  }
  for (const text of psaRemoved) if (!managedKeys.has(removalKey(text))) only.push(text);
  return only;
}

function removalKey(text: string): string {
  return foldText(text).replace(NOT_ALPHANUMERIC, '');
}

function compareTokens(a: NameToken, b: NameToken, diff: Differences): void {
  if (a.text === b.text) return;
  if (a.connector || b.connector) {
    if (a.connector) diff.symbols.add(a.text);
    if (b.connector) diff.symbols.add(b.text);
    return;
  }
  if (a.key !== b.key) {
    // Same word, different spelling: "St" and "Saint", "Müller" and "Mueller".
    diff.spellings.add(`${quote(a.text)} as ${quote(b.text)}`);
    return;
  }
  compareWords(a.text, b.text, diff);
}

/** Two spellings with the same key: say how they differ (punctuation, case, accents, letter forms). */
function compareWords(a: string, b: string, diff: Differences): void {
  if (a === b) return;
  // Plain ASCII letters and digits (most words) can differ only in case.
  if (ASCII_ALNUM.test(a) && ASCII_ALNUM.test(b) && a.toLowerCase() === b.toLowerCase()) {
    diff.case = true;
    return;
  }
  const punctuationA = a.replace(ALPHANUMERIC, '');
  const punctuationB = b.replace(ALPHANUMERIC, '');
  if (punctuationA.replace(WHITESPACE, '') !== punctuationB.replace(WHITESPACE, '')) diff.punctuation = true;
  else if (punctuationA !== punctuationB) diff.spacing = true;
  // A moved apostrophe ("Mary's" / "Marys'") keeps the same letters and the same punctuation.
  else if (a.replace(WHITESPACE, '') !== b.replace(WHITESPACE, '') && sameLetters(a, b))
    diff.punctuation = true;
  let lettersA = a.replace(NOT_ALPHANUMERIC, '');
  let lettersB = b.replace(NOT_ALPHANUMERIC, '');
  if (lettersA === lettersB) return;
  if (hasLookAlike(lettersA) || hasLookAlike(lettersB)) {
    diff.lookAlike = true;
    return;
  }
  if (hasCompatibilityForm(lettersA) || hasCompatibilityForm(lettersB)) {
    if (FULL_WIDTH.test(lettersA) || FULL_WIDTH.test(lettersB)) diff.fullWidth = true;
    else diff.punctuation = true;
    lettersA = lettersA.normalize('NFKC');
    lettersB = lettersB.normalize('NFKC');
    if (lettersA === lettersB) return;
  }
  if (lettersA.toLowerCase() === lettersB.toLowerCase()) {
    diff.case = true;
    return;
  }
  diff.accents = true;
  const plainA = lettersA.normalize('NFD').replace(MARKS, '');
  const plainB = lettersB.normalize('NFD').replace(MARKS, '');
  if (plainA !== plainB && plainA.toLowerCase() === plainB.toLowerCase()) diff.case = true;
}

function sameLetters(a: string, b: string): boolean {
  return a.replace(NOT_ALPHANUMERIC, '') === b.replace(NOT_ALPHANUMERIC, '');
}

function compareSeparators(a: AnalysedName, b: AnalysedName, diff: Differences): void {
  // Punctuation next to a part only one side removed belongs to that part ("Acme, Inc." vs
  // "Acme"), so an end compares only when both sides removed something there, or neither did.
  const leading = a.removedLeading === b.removedLeading;
  const trailing = a.removedTrailing === b.removedTrailing;
  const sepsA = separators(a, leading, trailing);
  const sepsB = separators(b, leading, trailing);
  sepsA.forEach((sep, index) => {
    const other = sepsB[index] ?? '';
    if (sep === other) return;
    if (sep.replace(WHITESPACE, '') !== other.replace(WHITESPACE, '')) diff.punctuation = true;
    else diff.spacing = true;
  });
}

/** The text between kept tokens, and at the ends of the kept part when asked (trimmed there). */
function separators(name: AnalysedName, withLeading: boolean, withTrailing: boolean): string[] {
  const { kept, scan } = name;
  const seps: string[] = [];
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first === undefined || last === undefined) return seps;
  if (withLeading) seps.push(scan.slice(name.keptFrom, first.start).trim());
  for (let i = 1; i < kept.length; i += 1) {
    const previous = kept[i - 1];
    const next = kept[i];
    if (previous !== undefined && next !== undefined) seps.push(scan.slice(previous.end, next.start));
  }
  if (withTrailing) seps.push(scan.slice(last.end, name.keptTo).trim());
  return seps;
}

export function quote(text: string): string {
  return `"${text}"`;
}

export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
