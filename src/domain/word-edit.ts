/**
 * The typo rule for similar names: two folded words are one typo apart when they differ by ONE
 * of these, in a word of five letters or more, with the first letter unchanged:
 * - two neighbouring letters swapped ("accountnig" / "accounting");
 * - one letter missing or one extra ("medcal" / "medical", "accoounting" / "accounting");
 * - one letter replaced by a neighbouring key on the keyboard ("accountimg" / "accounting").
 * A replaced first letter ("Dental" / "Rental"), a replacement by a far key ("Carter" / "Carver"),
 * any change to a short word ("Acme" / "Acne") or to a number ("Route 66" / "Route 67") is a
 * different word, not a typo: those are how different businesses are named.
 */
export type WordEditKind = 'swapped' | 'missing' | 'extra' | 'replaced';

export const MIN_TYPO_LENGTH = 5;

export const EDIT_WORDS: Readonly<Record<WordEditKind, string>> = {
  swapped: 'two letters swapped',
  missing: 'one letter missing',
  extra: 'one letter extra',
  replaced: 'one letter different',
};

const DIGIT = /[0-9]/;

// QWERTY rows, with the QWERTZ z/y swap as a neighbour pair too.
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = buildNeighbours();

function buildNeighbours(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const link = (a: string | undefined, b: string | undefined): void => {
    if (a === undefined || b === undefined) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = map.get(x) ?? new Set<string>();
      set.add(y);
      map.set(x, set);
    }
  };
  ROWS.forEach((row, r) => {
    for (let i = 0; i < row.length; i += 1) {
      link(row[i], row[i + 1]);
      // The row below is offset half a key to the right: key i touches i-1 and i there.
      const below = ROWS[r + 1];
      if (below !== undefined) {
        link(row[i], below[i]);
        link(row[i], below[i - 1]);
      }
    }
  });
  link('z', 'y');
  return map;
}

/**
 * How `psa` differs from `managed` when they are one typo apart (see above), else null.
 * "missing" means the PSA spelling lacks a letter the managed one has.
 */
export function wordEdit(psa: string, managed: string): WordEditKind | null {
  if (psa === managed || psa[0] !== managed[0]) return null;
  if (DIGIT.test(psa) || DIGIT.test(managed)) return null;
  const diff = psa.length - managed.length;
  if (diff === 0) {
    if (psa.length < MIN_TYPO_LENGTH) return null;
    let i = 1;
    while (psa[i] === managed[i]) i += 1;
    if (psa.slice(i + 1) === managed.slice(i + 1)) {
      const a = psa[i];
      const b = managed[i];
      return a !== undefined && b !== undefined && NEIGHBOURS.get(a)?.has(b) === true ? 'replaced' : null;
    }
    const swapped =
      psa[i] === managed[i + 1] && psa[i + 1] === managed[i] && psa.slice(i + 2) === managed.slice(i + 2);
    return swapped ? 'swapped' : null;
  }
  if (diff === 1)
    return Math.max(psa.length, managed.length) >= MIN_TYPO_LENGTH && dropsOne(psa, managed) ? 'extra' : null;
  if (diff === -1)
    return Math.max(psa.length, managed.length) >= MIN_TYPO_LENGTH && dropsOne(managed, psa)
      ? 'missing'
      : null;
  return null;
}

/** Whether deleting one letter (not the first) from `longer` gives `shorter`. */
function dropsOne(longer: string, shorter: string): boolean {
  let i = 1;
  while (i < shorter.length && longer[i] === shorter[i]) i += 1;
  return longer.slice(i + 1) === shorter.slice(i);
}

/** Every spelling of `word` with one letter (not the first) deleted: the keys of the typo index. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < word.length; i += 1) {
    // Deleting either of two equal letters gives the same spelling.
    if (i > 1 && word[i] === word[i - 1]) continue;
    out.push(word.slice(0, i) + word.slice(i + 1));
  }
  return out;
}

/** Whether a word may take part in a typo match at all. */
export function typoCandidate(word: string): boolean {
  return word.length >= MIN_TYPO_LENGTH - 1 && !DIGIT.test(word);
}
