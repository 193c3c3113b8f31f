/**
 * Text from a PSA, made safe to store and show: PostgreSQL refuses NUL in text (error 22021),
 * control characters break chat rendering, and bidirectional controls can make a name read as
 * something else. Every provider cleans names and emails with these before handing records over.
 *
 *   cleanName('  Acme\u0000 \t Inc. ')  // { text: 'Acme Inc.', cut: false }
 *   cleanEmail(' a@b.example\n')        // 'a@b.example'
 */

/** Longest company or person name kept, in code points. */
export const MAX_NAME_LENGTH = 200;
/** RFC 5321's limit for a forward path; longer is not a deliverable address. */
export const MAX_EMAIL_LENGTH = 254;

// Tab, newline and the other line breaks become spaces; then every other control character (\p{Cc}:
// NUL, C0, DEL, C1), zero-width and bidirectional controls, word joiners, the BOM, the
// noncharacters U+FFFE/U+FFFF and lone surrogates are dropped. The zero-width joiner stays:
// emoji sequences need it.
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
const INVISIBLES =
  /[\p{Cc}\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff]/gu;
// With the `u` flag a surrogate range matches only unpaired halves; pairs are one code point.
const LONE_SURROGATES = /[\ud800-\udfff]/gu;
const SPACES = /\s+/g;
// Printable ASCII words separated by single spaces: what almost every PSA name and email is, and
// exactly what the cleaning below leaves unchanged. One test instead of four replacements matters
// at 50,000 contacts a fetch.
const ALREADY_CLEAN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export interface CleanedText {
  readonly text: string;
  /** True when the text was longer than the cap and was cut. */
  readonly cut: boolean;
}

/** Strips controls, collapses whitespace, trims, and cuts to `max` code points. */
export function cleanText(raw: string, max: number): CleanedText {
  if (raw === '') return { text: '', cut: false };
  // ASCII: one code point per unit, so the length is the cap's measure.
  if (raw.length <= max && ALREADY_CLEAN.test(raw)) return { text: raw, cut: false };
  const cleaned = raw
    .replace(WHITESPACE_CONTROLS, ' ')
    .replace(INVISIBLES, '')
    .replace(LONE_SURROGATES, '')
    .replace(SPACES, ' ')
    .trim();
  if (cleaned.length <= max) return { text: cleaned, cut: false };
  // A code point is one or two UTF-16 units, so the first `max` of them lie within 2 * max units:
  // a 100,000-character name is never split whole into code points.
  const points = Array.from(cleaned.slice(0, max * 2 + 1));
  if (points.length <= max) return { text: cleaned, cut: false };
  return { text: points.slice(0, max).join('').trimEnd(), cut: true };
}

export function cleanName(raw: string | null | undefined): CleanedText {
  return cleanText(raw ?? '', MAX_NAME_LENGTH);
}

/**
 * Issue 11: a cleaned website, or null when blank or too long to be one; it is only ever read for
 * its domain (company-domains.ts), never shown.
 */
export function cleanWebsite(raw: string | null | undefined): string | null {
  const { text, cut } = cleanText(raw ?? '', MAX_EMAIL_LENGTH);
  return cut || text === '' ? null : text;
}

/** `{ website }` when there is one, else nothing: records without a website keep their shape. */
export function websiteOf(raw: string | null | undefined): { website?: string } {
  const website = cleanWebsite(raw);
  return website === null ? {} : { website };
}

/** A cleaned email, or null when nothing usable is left (blank, or too long to be an address). */
export function cleanEmail(raw: string | null | undefined): string | null {
  const { text, cut } = cleanText(raw ?? '', MAX_EMAIL_LENGTH);
  return cut || text === '' ? null : text;
}
