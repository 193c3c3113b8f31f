import type { AnalysedName } from './company-name.js';
import type { NameToken } from './name-tokens.js';
import { PUNCTUATION, SPACING } from './word-differences.js';

/**
 * How the separators of two names differ: PUNCTUATION, SPACING, both or neither (0). Separators
 * are the text between kept tokens, and the text at each end of the kept part (trimmed) when both
 * names removed something there or neither did: punctuation next to a part only one side removed
 * belongs to that part ("Acme, Inc." vs "Acme"). They compare in order, a missing one as "".
 */
export function separatorDifferences(a: AnalysedName, b: AnalysedName): number {
  const leading = a.removedLeading === b.removedLeading;
  const trailing = a.removedTrailing === b.removedTrailing;
  const kept = a.kept;
  const otherKept = b.kept;
  const last = kept.length - 1;
  // Names with the same key have as many kept tokens (words have no spaces): their separators
  // pair up in place, and compare where they sit in each scan, with nothing cut out.
  if (last !== otherKept.length - 1) return unevenDifferences(a, b, leading, trailing);
  if (last < 0) return 0;
  let flags = 0;
  if (leading)
    flags |= endFlag(a, a.keptFrom, tokenAt(kept, 0).start, b, b.keptFrom, tokenAt(otherKept, 0).start);
  for (let i = 0; i < last; i += 1) {
    const before = tokenAt(kept, i);
    const otherBefore = tokenAt(otherKept, i);
    flags |= gapFlag(
      a.scan,
      before.end,
      tokenAt(kept, i + 1).start,
      b.scan,
      otherBefore.end,
      tokenAt(otherKept, i + 1).start,
    );
  }
  if (trailing)
    flags |= endFlag(a, tokenAt(kept, last).end, a.keptTo, b, tokenAt(otherKept, last).end, b.keptTo);
  return flags;
}

function tokenAt(kept: readonly NameToken[], index: number): NameToken {
  const token = kept[index];
  if (token === undefined) throw new RangeError(`no kept token ${index}`);
  return token;
}

/** gapFlag for the separators at the ends of the kept parts, which are trimmed. */
function endFlag(
  a: AnalysedName,
  fromA: number,
  toA: number,
  b: AnalysedName,
  fromB: number,
  toB: number,
): number {
  const startA = trimStart(a.scan, fromA, toA);
  const startB = trimStart(b.scan, fromB, toB);
  return gapFlag(a.scan, startA, trimEnd(a.scan, startA, toA), b.scan, startB, trimEnd(b.scan, startB, toB));
}

function trimStart(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && isSpace(text.charCodeAt(at))) at += 1;
  return at;
}

function trimEnd(text: string, from: number, to: number): number {
  let at = to;
  while (at > from && isSpace(text.charCodeAt(at - 1))) at -= 1;
  return at;
}

/** How a[fromA, toA) and b[fromB, toB) differ as separators: 0, SPACING or PUNCTUATION. */
function gapFlag(a: string, fromA: number, toA: number, b: string, fromB: number, toB: number): number {
  const length = toA - fromA;
  if (length === toB - fromB) {
    let i = 0;
    while (i < length && a.charCodeAt(fromA + i) === b.charCodeAt(fromB + i)) i += 1;
    if (i === length) return 0;
  }
  return sameWithoutSpaces(a, fromA, toA, b, fromB, toB) ? SPACING : PUNCTUATION;
}

/**
 * For kept parts of different lengths (a word with a space in its key, which hardly happens): the
 * separators in order as strings, the other's missing ones read as "".
 */
function unevenDifferences(a: AnalysedName, b: AnalysedName, leading: boolean, trailing: boolean): number {
  const seps = separators(a, leading, trailing);
  const otherSeps = separators(b, leading, trailing);
  let flags = 0;
  seps.forEach((sep, index) => {
    const other = otherSeps[index] ?? '';
    if (sep !== other) flags |= gapFlag(sep, 0, sep.length, other, 0, other.length);
  });
  return flags;
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

/** Whether a[fromA, toA) and b[fromB, toB) are equal without their whitespace (what `\s` matches). */
export function sameWithoutSpaces(
  a: string,
  fromA: number,
  toA: number,
  b: string,
  fromB: number,
  toB: number,
): boolean {
  let i = fromA;
  let j = fromB;
  for (;;) {
    while (i < toA && isSpace(a.charCodeAt(i))) i += 1;
    while (j < toB && isSpace(b.charCodeAt(j))) j += 1;
    if (i === toA || j === toB) return i === toA && j === toB;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i += 1;
    j += 1;
  }
}

const SPACE_CHAR = /\s/;

/** What `\s` and String#trim match: " " and \t to \r in ASCII; past it the regex says. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE_CHAR.test(String.fromCharCode(code));
}
