import type { AnalysedName } from './company-name.js';
import { foldText, type NameToken, stripAccents } from './name-tokens.js';

interface Differences {
  readonly symbols: Set<string>;
  accents: boolean;
  case: boolean;
  punctuation: boolean;
  spacing: boolean;
}

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}\p{M}]/gu;
const ALPHANUMERIC = /[\p{L}\p{N}\p{M}]/gu;
const WHITESPACE = /\s+/gu;

/**
 * Why two names with the same key are flagged as the same company, in plain words quoting the
 * managed company's name, e.g. `same as "ACME, Inc." after removing "Inc.", ignoring case`.
 * Assumes equal keys (so both have as many kept tokens).
 */
export function matchReason(psa: AnalysedName, managed: AnalysedName, managedName: string): string {
  const diff: Differences = {
    symbols: new Set(),
    accents: false,
    case: false,
    punctuation: false,
    spacing: false,
  };
  const removed = removalDifferences(psa, managed, diff);
  psa.kept.forEach((token, index) => {
    const other = managed.kept[index];
    if (other !== undefined) compareTokens(token, other, diff);
  });
  compareSeparators(psa, managed, diff);

  const parts: string[] = [];
  if (removed.length > 0) parts.push(`after removing ${listOf(removed.map(quote))}`);
  if (diff.symbols.size > 0) parts.push(`reading ${listOf([...diff.symbols].map(quote))} as "and"`);
  const ignoring = [
    diff.accents ? 'accents' : '',
    diff.case ? 'case' : '',
    diff.punctuation ? 'punctuation' : '',
    diff.spacing ? 'spacing' : '',
  ].filter((word) => word !== '');
  if (ignoring.length > 0) parts.push(`ignoring ${listOf(ignoring)}`);

  const lead = removed.length > 0 ? `same as ${quote(managedName)}` : `same name as ${quote(managedName)}`;
  return parts.length > 0 ? `${lead} ${parts.join(', ')}` : lead;
}

/**
 * What only one side had removed, as written (the managed side's first). A part both had ("Inc"
 * and "Inc.") is no removal, just written differently.
 */
function removalDifferences(psa: AnalysedName, managed: AnalysedName, diff: Differences): string[] {
  const psaByKey = new Map(psa.removed.map((text) => [removalKey(text), text]));
  const managedKeys = new Set(managed.removed.map(removalKey));
  const only: string[] = [];
  for (const text of managed.removed) {
    const same = psaByKey.get(removalKey(text));
    if (same === undefined) only.push(text);
    else compareWords(same, text, diff);
  }
  for (const text of psa.removed) if (!managedKeys.has(removalKey(text))) only.push(text);
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
  compareWords(a.text, b.text, diff);
}

/** Two spellings with the same key: say whether they differ in punctuation, case or accents. */
function compareWords(a: string, b: string, diff: Differences): void {
  if (a === b) return;
  const punctuationA = a.replace(ALPHANUMERIC, '');
  const punctuationB = b.replace(ALPHANUMERIC, '');
  if (punctuationA.replace(WHITESPACE, '') !== punctuationB.replace(WHITESPACE, '')) diff.punctuation = true;
  else if (punctuationA !== punctuationB) diff.spacing = true;
  const lettersA = a.replace(NOT_ALPHANUMERIC, '');
  const lettersB = b.replace(NOT_ALPHANUMERIC, '');
  if (lettersA === lettersB) return;
  if (lettersA.toLowerCase() === lettersB.toLowerCase()) {
    diff.case = true;
    return;
  }
  diff.accents = true;
  const plainA = stripAccents(lettersA);
  const plainB = stripAccents(lettersB);
  if (plainA !== plainB && plainA.toLowerCase() === plainB.toLowerCase()) diff.case = true;
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
  const { kept, source } = name;
  const seps: string[] = [];
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first === undefined || last === undefined) return seps;
  if (withLeading) seps.push(source.slice(name.keptFrom, first.start).trim());
  for (let i = 1; i < kept.length; i += 1) {
    const previous = kept[i - 1];
    const next = kept[i];
    if (previous !== undefined && next !== undefined) seps.push(source.slice(previous.end, next.start));
  }
  if (withTrailing) seps.push(source.slice(last.end, name.keptTo).trim());
  return seps;
}

function quote(text: string): string {
  return `"${text}"`;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
