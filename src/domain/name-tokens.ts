/** One word of a company name, with where it sits in the (NFC) text it came from. */
export interface NameToken {
  /** As written, without the separators around it. */
  readonly text: string;
  /** Folded (see foldText) with inner punctuation dropped; "and" for "&" and "+". */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** `end`, plus a directly following ".", so quotes read "Inc." rather than "Inc". */
  readonly quoteEnd: number;
  /** "&", "+" and their full-width forms, all read as "and". */
  readonly connector: boolean;
  /** Single letters joined by dots or slashes ("L.L.C.", "S.p.A.", "A/S"). */
  readonly dotted: boolean;
}

// Dotted abbreviations come first so "L.L.C." is one token, like "LLC", and not "l l c".
const TOKEN =
  /(?<![\p{L}\p{N}\p{M}])\p{L}\p{M}*(?:[./]\p{L}\p{M}*)+\.?(?![\p{L}\p{N}\p{M}])|[\p{L}\p{N}\p{M}]+(?:['’`][\p{L}\p{N}\p{M}]+)*|[&+＆＋﹠﹢]/gu;
const CONNECTOR = /^[&+＆＋﹠﹢]$/u;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const MARKS = /\p{M}+/gu;
// Most names are plain ASCII, which NFKD leaves alone: skip the costly Unicode work for them.
const ASCII = /^[\x20-\x7e]*$/;

// Letters NFKD does not decompose but readers treat as plain Latin.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
  ı: 'i',
};
const EXTRA_FOLD_CHARS = /[ßæœøđłþðı]/g;

/** Compatibility forms, accents and case folded away: "Ｍüller" and "MULLER" both read "muller". */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return stripAccents(text)
    .toLowerCase()
    .replace(EXTRA_FOLD_CHARS, (c) => EXTRA_FOLDS[c] ?? c);
}

/** Compatibility decomposition without the combining marks: "Ｍüller" reads "Muller". */
export function stripAccents(text: string): string {
  if (ASCII.test(text)) return text;
  return text.normalize('NFKD').replace(MARKS, '');
}

/** Splits a name into words; everything that is not a word, an abbreviation or "&"/"+" separates. */
export function tokenise(source: string): NameToken[] {
  const tokens: NameToken[] = [];
  for (const match of source.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index;
    const end = start + text.length;
    const connector = CONNECTOR.test(text);
    const key = connector ? 'and' : foldText(text).replace(NOT_ALPHANUMERIC, '');
    if (key === '') continue;
    const dotted = !connector && /[./]/.test(text);
    const quoteEnd = source[end] === '.' ? end + 1 : end;
    tokens.push({ text, key, start, end, quoteEnd, connector, dotted });
  }
  return tokens;
}
