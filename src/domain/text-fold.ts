/**
 * The one fold of the project: duplicate matching, sorting and the company search (storage's
 * `name_folded`) all read text through it, so what matches as a duplicate is also found by search.
 */

// Format characters (zero-width space/joiners, word joiner, soft hyphen, BOM, bidi marks):
// invisible, so a name that contains one looks identical without it. (Variation selectors are
// combining marks, which the fold drops with the accents.)
const INVISIBLE = /\p{Cf}/gu;
const MARKS = /\p{M}+/gu;
// Most names are plain ASCII, which needs none of the costly Unicode work below.
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

/**
 * Cyrillic and Greek letters drawn like a Latin letter (lower case, after folding case). One
 * Cyrillic "о" in "Acme" makes a name that reads the same but compares differently; within each
 * script the mapping is one-to-one, so two different Cyrillic names stay different.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};
const FOLD_CHARS = new RegExp(
  `[${Object.keys(EXTRA_FOLDS).join('')}${Object.keys(LOOK_ALIKES).join('')}]`,
  'gu',
);

/**
 * Lower case with compatibility forms (full-width letters), accents, invisible characters and
 * look-alike letters folded away: "Ｍüller", "MULLER" and "Mu\u200bller" all read "muller".
 */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return stripAccents(text)
    .toLowerCase()
    .replace(FOLD_CHARS, (c) => EXTRA_FOLDS[c] ?? LOOK_ALIKES[c] ?? c);
}

/** Compatibility decomposition without combining marks or invisible characters: "Ｍüller" reads "Muller". */
export function stripAccents(text: string): string {
  if (ASCII.test(text)) return text;
  return stripInvisible(text).normalize('NFKD').replace(MARKS, '');
}

export function stripInvisible(text: string): string {
  if (ASCII.test(text)) return text;
  return text.replace(INVISIBLE, '');
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/gu;

/**
 * Full-width ASCII ("Ｓ．Ａ．") as plain ASCII ("S.A."), so punctuation and legal forms read as
 * usual. Only that block: NFKC would also turn "™" into "TM" and glue it to the name.
 */
export function narrowFullWidth(text: string): string {
  if (ASCII.test(text)) return text;
  return text.replace(FULL_WIDTH, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

export function hasInvisible(text: string): boolean {
  return !ASCII.test(text) && stripInvisible(text) !== text;
}

/** Whether the text has a Cyrillic or Greek letter that reads as a Latin one. */
export function hasLookAlike(text: string): boolean {
  if (ASCII.test(text)) return false;
  for (const c of text.toLowerCase()) if (LOOK_ALIKES[c] !== undefined) return true;
  return false;
}

/** Whether the text has a compatibility form such as a full-width letter ("Ａ") or a ligature ("ﬁ"). */
export function hasCompatibilityForm(text: string): boolean {
  if (ASCII.test(text)) return false;
  const plain = stripInvisible(text).normalize('NFC');
  return plain.normalize('NFKC') !== plain;
}
