import type { AnalysedName } from './company-name.js';
import { sameWithoutSpaces, separatorDifferences } from './name-separators.js';
import { listOf, quote, quotedList } from './quoted-list.js';
import {
  ACCENTS,
  CASE,
  FULL_WIDTH_FORMS,
  hasRemovalKey,
  INVISIBLE,
  LOOK_ALIKE,
  PUNCTUATION,
  SPACING,
  sameRemovalKey,
  wordDifferences,
} from './word-differences.js';

/** What else two names differ in, as the tail of a reason; `anyRemoved` picks "same as" over "same name as". */
export interface DifferencesText {
  readonly anyRemoved: boolean;
  /** `after removing "Inc.", ignoring case`, or '' when nothing else differs. */
  readonly text: string;
}

/**
 * What differs between two names besides what the reason leads with: parts only one side had
 * removed, spellings, "&" read as "and", and what is ignored. `skip` is the index of a kept token
 * the lead already covers, -1 for none (then the separators between words compare too), null when
 * the kept tokens do not line up one to one (then only the removed parts are told). Words and
 * parts in printable ASCII (most) are compared by char-code loops; `general` sends them all down
 * the Unicode path instead, which the tests hold the loops to.
 */
export function describeDifferences(
  psa: AnalysedName,
  managed: AnalysedName,
  skip: number | null,
  general = false,
): DifferencesText {
  const removed = removalDifferences(psa, managed, general);
  if (skip === null) return { anyRemoved: removed.length > 0, text: removedText(removed) };
  let flags =
    (psa.hadFullWidth || managed.hadFullWidth ? FULL_WIDTH_FORMS : 0) |
    (psa.hadInvisible || managed.hadInvisible ? INVISIBLE : 0) |
    sharedRemovalDifferences(psa, managed, general);
  // Spellings read as each other (`"St" as "Saint"`) and "&" or "+" read as "and", once each in
  // the order met; most names have none, so no list is made for them.
  let spellings: string[] | null = null;
  let symbols: string[] | null = null;
  const kept = psa.kept;
  const otherKept = managed.kept;
  const count = Math.min(kept.length, otherKept.length);
  for (let index = 0; index < count; index += 1) {
    const a = kept[index];
    const b = otherKept[index];
    if (a === undefined || b === undefined || index === skip || a.text === b.text) continue;
    if (a.connector || b.connector) {
      if (a.connector) symbols = addOnce(symbols, a.text);
      if (b.connector) symbols = addOnce(symbols, b.text);
    } else if (a.key !== b.key) {
      // Same word, different spelling: "St" and "Saint", "Müller" and "Mueller".
      spellings = addOnce(spellings, `${quote(a.text)} as ${quote(b.text)}`);
    } else {
      flags |= wordDifferences(a.text, b.text, general);
    }
  }
  if (skip < 0) flags |= separatorDifferences(psa, managed);

  let details = spellings === null ? '' : `reading ${listOf(spellings)}`;
  if (symbols !== null) details = joined(details, `reading ${quotedList(symbols)} as "and"`);
  if (flags !== 0) details = joined(details, IGNORING[flags] ?? '');
  if (
    skip < 0 &&
    removed.length === 0 &&
    details === '' &&
    isBare(psa) &&
    isBare(managed) &&
    psa.source !== managed.source
  ) {
    // What is left differs only around parts both removed ("Visa  Inc. " / "Visa Inc.").
    const { scan } = psa;
    const otherScan = managed.scan;
    details = sameWithoutSpaces(scan, 0, scan.length, otherScan, 0, otherScan.length)
      ? 'ignoring spacing'
      : 'ignoring punctuation';
  }
  return { anyRemoved: removed.length > 0, text: joined(removedText(removed), details) };
}

// The words for each bit of Differences.flags, in that order.
const IGNORED_WORDS: ReadonlyArray<readonly [number, string]> = [
  [INVISIBLE, 'invisible characters'],
  [LOOK_ALIKE, 'look-alike letters'],
  [FULL_WIDTH_FORMS, 'full-width letters'],
  [ACCENTS, 'accents'],
  [CASE, 'case'],
  [PUNCTUATION, 'punctuation'],
  [SPACING, 'spacing'],
];

// `ignoring case and punctuation` for every set of flags, written once rather than per reason.
const IGNORING: readonly string[] = Array.from(
  { length: 1 << IGNORED_WORDS.length },
  (_, flags) =>
    `ignoring ${listOf(IGNORED_WORDS.filter(([bit]) => (flags & bit) !== 0).map(([, word]) => word))}`,
);

const NOTHING: readonly string[] = [];

function joined(a: string, b: string): string {
  if (a === '') return b;
  return b === '' ? a : `${a}, ${b}`;
}

function removedText(removed: readonly string[]): string {
  return removed.length === 0 ? '' : `after removing ${quotedList(removed)}`;
}

/** No notes and no odd legal form: nothing but its words, separators and removed parts. */
function isBare(name: AnalysedName): boolean {
  return name.notes.length === 0 && name.oddForm === null;
}

/**
 * What only one side had removed, as written (the managed side's first). A part both had ("Inc"
 * and "Inc.") is no removal, just written differently (see sharedRemovalDifferences).
 */
function removalDifferences(psa: AnalysedName, managed: AnalysedName, general: boolean): readonly string[] {
  const psaRemoved = removedParts(psa, managed, general);
  const managedRemoved = removedParts(managed, psa, general);
  // Most names have nothing removed on one side or both: then all the other side removed is told.
  if (psaRemoved.length === 0) return managedRemoved;
  if (managedRemoved.length === 0) return psaRemoved;
  if (psaRemoved.length === 1 && managedRemoved.length === 1) {
    // One part each ("Inc" and "INC"), as a third of names have: the same part, or two.
    const psaPart = psaRemoved[0] ?? '';
    const managedPart = managedRemoved[0] ?? '';
    return sameRemovalKey(psaPart, managedPart, general) ? NOTHING : [managedPart, psaPart];
  }
  const only: string[] = [];
  for (const text of managedRemoved)
    if (lastWithKey(psaRemoved, text, general) === undefined) only.push(text);
  for (const text of psaRemoved)
    if (lastWithKey(managedRemoved, text, general) === undefined) only.push(text);
  return only;
}

/** How the parts both sides removed are written differently, as flags. */
function sharedRemovalDifferences(psa: AnalysedName, managed: AnalysedName, general: boolean): number {
  if (psa.removed.length === 0 || managed.removed.length === 0) return 0;
  const psaRemoved = removedParts(psa, managed, general);
  let flags = 0;
  for (const text of removedParts(managed, psa, general)) {
    const same = lastWithKey(psaRemoved, text, general);
    if (same !== undefined) flags |= wordDifferences(same, text, general);
  }
  return flags;
}

/** The last of `parts` with the removal key of `text` (a later part of one key shadows an earlier one). */
function lastWithKey(parts: readonly string[], text: string, general: boolean): string | undefined {
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i];
    if (part !== undefined && sameRemovalKey(part, text, general)) return part;
  }
  return undefined;
}

/** What a name had removed, less the legal form a misspelt or glued form already accounts for. */
function removedParts(name: AnalysedName, other: AnalysedName, general: boolean): readonly string[] {
  const odd = name.oddForm ?? other.oddForm;
  if (odd === null || name.removed.length === 0) return name.removed.length === 0 ? NOTHING : name.removed;
  return name.removed.filter((text) => text !== odd.text && !hasRemovalKey(text, odd.form, general));
}

/** The list with the item added at the end unless it has it already (null for an empty list). */
function addOnce(list: string[] | null, item: string): string[] {
  if (list === null) return [item];
  if (!list.includes(item)) list.push(item);
  return list;
}
