/**
 * Notes MSPs add to a company's name in their PSA to mark it retired or to sort it last: "Acme
 * (OLD)", "Acme - DO NOT USE", "[inactive] Acme", "zz Acme". A note is no part of the name, but a
 * name that differs from another only by a note is a *similar* name, never the same one: the note
 * usually says the record is not the one to use.
 */
export interface NameNote {
  /** As written, without the separator that introduced it: "(OLD)", "DO NOT USE", "zz". */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const NOTE =
  "(?:old|inactive|in-active|do\\s*not\\s*use|don[’']?t\\s*use|dnu|duplicate|dupe?|closed|archived?|deleted?|obsolete|former(?:\\s+client)?|legacy|merged|test(?:ing)?|not\\s+in\\s+use|unused|defunct|out\\s+of\\s+business|ex[-\\s]?client|cancell?ed|terminated|disabled|retired|no\\s+longer\\s+(?:a\\s+)?client)";
const SEPARATOR = '[-–—:|/~*_]';

/** A note pattern, and a char class every match of it contains: without one, it is not tried. */
interface NotePattern {
  readonly pattern: RegExp;
  readonly needs: RegExp | null;
}

const BRACKET = /[([{<]/;
const STAR = /\*/;
const SEPARATOR_CHAR = new RegExp(SEPARATOR);

const PATTERNS: readonly NotePattern[] = [
  // Anywhere, in brackets or asterisks, starting with a note word: "(OLD)", "[Inactive - merged]".
  { pattern: new RegExp(`[([{<]\\s*${NOTE}\\b[^)\\]}>]*[)\\]}>]`, 'giu'), needs: BRACKET },
  { pattern: new RegExp(`\\*+\\s*${NOTE}\\s*\\*+`, 'giu'), needs: STAR },
  // At the end, after a separator: "Acme - DO NOT USE", "Acme -- old account".
  {
    pattern: new RegExp(`(?:\\s+${SEPARATOR}+\\s*|${SEPARATOR}+\\s+|${SEPARATOR}{2,})${NOTE}\\b.*$`, 'iu'),
    needs: SEPARATOR_CHAR,
  },
  // At the start, before a separator: "OLD - Acme", "DO NOT USE: Acme".
  { pattern: new RegExp(`^\\s*${NOTE}\\s*${SEPARATOR}+\\s*`, 'iu'), needs: SEPARATOR_CHAR },
  // Sorting prefixes: "zz Acme", "ZZ-Acme", "xx_Acme", "zzAcme" (anchored: they fail at once).
  { pattern: /^\s*(?:[zZ]{2,}|[xX]{2,})[\s_\-.:]+/u, needs: null },
  { pattern: /^\s*z{2,}(?=\p{Lu})/u, needs: null },
];

// A note in capitals at the end with no separator ("Acme Widgets OLD"), in a name that is not
// itself all capitals (where "OLD" may be a word of the name).
const TRAILING_CAPS =
  /\s+(?:OLD|INACTIVE|DO NOT USE|DNU|DUPLICATE|DUP|CLOSED|ARCHIVED|DELETED|OBSOLETE|LEGACY|DEFUNCT|UNUSED)\s*$/u;
const LOWER = /\p{Ll}/u;
// Every pattern needs one of these; most names have none, and skip the rest. A name in capitals
// ends in capitals without any note, so that case is checked apart, for TRAILING_CAPS alone.
const MAYBE_NOTE = /[([{<*\-–—:|/~_]|^\s*(?:[zZ]{2}|[xX]{2})/u;
const MAYBE_CAPS_NOTE = /\s[A-Z]{3,}\s*$/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
// Separators that introduced a note; asterisks stay, they wrap the note like brackets ("*DNU*").
const EDGE = /^[\s\-–—:|/~_.]+|[\s\-–—:|/~_.]+$/gu;

/** The notes in a name, in order of position; none when removing them would leave nothing. */
export function findNotes(source: string): NameNote[] {
  const patterns = MAYBE_NOTE.test(source);
  const mayEndInCaps = MAYBE_CAPS_NOTE.test(source);
  if (!patterns && !mayEndInCaps) return [];
  const spans: { start: number; end: number }[] = [];
  for (const { pattern, needs } of patterns ? PATTERNS : []) {
    // The unanchored patterns scan the whole name with a long alternation at every position:
    // most names with a note ("Acme (OLD)") have a char only one or two of them need.
    if (needs !== null && !needs.test(source)) continue;
    pattern.lastIndex = 0;
    for (const match of pattern.global ? source.matchAll(pattern) : [source.match(pattern)]) {
      if (match?.index === undefined) continue;
      addSpan(spans, match.index, match.index + match[0].length);
    }
  }
  const caps = mayEndInCaps ? source.match(TRAILING_CAPS) : null;
  if (caps?.index !== undefined && LOWER.test(source.slice(0, caps.index))) {
    addSpan(spans, caps.index, source.length);
  }
  if (spans.length === 0) return [];
  const notes = spans
    .sort((a, b) => a.start - b.start)
    .map(({ start, end }) => ({ start, end, text: source.slice(start, end).replace(EDGE, '') }));
  return ALPHANUMERIC.test(blankNotes(source, notes)) ? notes : [];
}

/** The source with every note replaced by spaces, so offsets into it still hold. */
export function blankNotes(source: string, notes: readonly NameNote[]): string {
  let out = source;
  for (const note of notes) {
    out = out.slice(0, note.start) + ' '.repeat(note.end - note.start) + out.slice(note.end);
  }
  return out;
}

function addSpan(spans: { start: number; end: number }[], start: number, end: number): void {
  if (spans.some((span) => start < span.end && end > span.start)) return;
  spans.push({ start, end });
}
