import { foldText, hasCompatibilityForm, hasLookAlike } from './text-fold.js';

/**
 * What two names differ in besides their words, as bits of a number (flags). The bits run in
 * the order a reason names them ("ignoring invisible characters, ..., case, punctuation and
 * spacing"), so the phrase for any set of them can be looked up (IGNORING in name-differences).
 */
export const INVISIBLE = 1;
export const LOOK_ALIKE = 2;
export const FULL_WIDTH_FORMS = 4;
export const ACCENTS = 8;
export const CASE = 16;
export const PUNCTUATION = 32;
export const SPACING = 64;

// Character classes of printable ASCII, for the char-code loops of the plain-ASCII path.
const ALNUM = 1;
const SPACE = 2;
const OTHER = 4;
const ASCII_CLASS = new Uint8Array(0x80).map((_, code) => {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
    return ALNUM;
  return code === 0x20 ? SPACE : OTHER;
});

/**
 * Whether the text is printable ASCII: no accents, look-alike letters, invisible or full-width
 * characters to look for, and the only whitespace is " ", so every Unicode class below reads as
 * one of ALNUM, SPACE and OTHER.
 */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/**
 * Whether two plain-ASCII texts are equal once only the characters of the classes in `keep` are
 * left (and, when `caseless`, lower-cased): the regex-and-compare of the general path without
 * building either string.
 */
function sameKept(a: string, b: string, keep: number, caseless: boolean): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && ((ASCII_CLASS[a.charCodeAt(i)] ?? 0) & keep) === 0) i += 1;
    while (j < b.length && ((ASCII_CLASS[b.charCodeAt(j)] ?? 0) & keep) === 0) j += 1;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(j);
    if (x !== y) {
      if (!caseless) return false;
      if (x >= 0x41 && x <= 0x5a) x += 0x20;
      if (y >= 0x41 && y <= 0x5a) y += 0x20;
      if (x !== y) return false;
    }
    i += 1;
    j += 1;
  }
}

/**
 * How two spellings with the same key differ, as flags (punctuation, case, accents, letter
 * forms). Printable-ASCII words (most) take char-code loops; `general` sends every word down the
 * Unicode path instead, which the tests hold the loops to.
 */
export function wordDifferences(a: string, b: string, general: boolean): number {
  if (a === b) return 0;
  if (general) return anyWordDifferences(a, b);
  if (caseOnly(a, b)) return CASE;
  return isPlainAscii(a) && isPlainAscii(b) ? plainWordDifferences(a, b) : anyWordDifferences(a, b);
}

/**
 * Whether two different printable-ASCII words differ only in the case of letters, character by
 * character ("ACME" / "Acme"): most words that differ at all, told in one pass.
 */
function caseOnly(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) {
      if (x < 0x20 || x > 0x7e) return false;
    } else {
      // Setting bit 0x20 lower-cases an ASCII capital and leaves a small letter as it is.
      const lower = x | 0x20;
      if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
    }
  }
  return true;
}

/** anyWordDifferences for printable ASCII, where no letter has an accent or another form. */
function plainWordDifferences(a: string, b: string): number {
  let flags = 0;
  if (!sameKept(a, b, OTHER, false)) flags = PUNCTUATION;
  else if (!sameKept(a, b, OTHER | SPACE, false)) flags = SPACING;
  else if (!sameKept(a, b, ALNUM | OTHER, false) && sameKept(a, b, ALNUM, false)) flags = PUNCTUATION;
  if (sameKept(a, b, ALNUM, false)) return flags;
  return flags | (sameKept(a, b, ALNUM, true) ? CASE : ACCENTS);
}

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}\p{M}]/gu;
const ALPHANUMERIC = /[\p{L}\p{N}\p{M}]/gu;
const WHITESPACE = /\s+/gu;
const MARKS = /\p{M}+/gu;
const FULL_WIDTH = /[\uff01-\uff5e]/u;
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;

function anyWordDifferences(a: string, b: string): number {
  let flags = 0;
  // Plain ASCII letters and digits (most words) can differ only in case.
  if (ASCII_ALNUM.test(a) && ASCII_ALNUM.test(b) && a.toLowerCase() === b.toLowerCase()) {
    return CASE;
  }
  const punctuationA = a.replace(ALPHANUMERIC, '');
  const punctuationB = b.replace(ALPHANUMERIC, '');
  if (punctuationA.replace(WHITESPACE, '') !== punctuationB.replace(WHITESPACE, '')) flags |= PUNCTUATION;
  else if (punctuationA !== punctuationB) flags |= SPACING;
  // A moved apostrophe ("Mary's" / "Marys'") keeps the same letters and the same punctuation.
  else if (a.replace(WHITESPACE, '') !== b.replace(WHITESPACE, '') && sameLetters(a, b)) flags |= PUNCTUATION;
  let lettersA = a.replace(NOT_ALPHANUMERIC, '');
  let lettersB = b.replace(NOT_ALPHANUMERIC, '');
  if (lettersA === lettersB) return flags;
  if (hasLookAlike(lettersA) || hasLookAlike(lettersB)) {
    return flags | LOOK_ALIKE;
  }
  if (hasCompatibilityForm(lettersA) || hasCompatibilityForm(lettersB)) {
    flags |= FULL_WIDTH.test(lettersA) || FULL_WIDTH.test(lettersB) ? FULL_WIDTH_FORMS : PUNCTUATION;
    lettersA = lettersA.normalize('NFKC');
    lettersB = lettersB.normalize('NFKC');
    if (lettersA === lettersB) return flags;
  }
  if (lettersA.toLowerCase() === lettersB.toLowerCase()) return flags | CASE;
  flags |= ACCENTS;
  const plainA = lettersA.normalize('NFD').replace(MARKS, '');
  const plainB = lettersB.normalize('NFD').replace(MARKS, '');
  return plainA !== plainB && plainA.toLowerCase() === plainB.toLowerCase() ? flags | CASE : flags;
}

function sameLetters(a: string, b: string): boolean {
  return a.replace(NOT_ALPHANUMERIC, '') === b.replace(NOT_ALPHANUMERIC, '');
}

/** Whether two removed parts have the same key: letters and digits, folded. */
export function sameRemovalKey(a: string, b: string, general: boolean): boolean {
  if (general) return removalKey(a) === removalKey(b);
  if (a === b || caseOnly(a, b)) return true;
  if (isPlainAscii(a) && isPlainAscii(b)) return sameKept(a, b, ALNUM, true);
  return removalKey(a) === removalKey(b);
}

/** Whether a removed part's key is `key` (a legal form's). */
export function hasRemovalKey(text: string, key: string, general: boolean): boolean {
  if (general || !isPlainAscii(text)) return removalKey(text) === key;
  // The key's letters in turn, lower-cased, skipping all but letters and digits.
  let j = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (ASCII_CLASS[code] !== ALNUM) continue;
    const lower = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
    if (lower !== key.charCodeAt(j)) return false;
    j += 1;
  }
  return j === key.length;
}

function removalKey(text: string): string {
  return foldText(text).replace(NOT_ALPHANUMERIC, '');
}
