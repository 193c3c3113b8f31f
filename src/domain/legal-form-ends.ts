import { formSpellingMatters, LEGAL_FORM_KEYS } from './legal-forms.js';
import { hashKeyText } from './name-key-hash.js';

/** The legal forms ending in one key, for a reader that has the name's words as hashes. */
export interface FormEnd {
  readonly key: string;
  /** Whether the key alone is a form. */
  readonly single: boolean;
  /** Whether that one-token form counts only in a legal spelling (legal-forms.ts). */
  readonly spellingMatters: boolean;
  /** The forms of several tokens ending in the key, as their keys, the longest first. */
  readonly longer: readonly (readonly string[])[];
}

/** A name's words as a reader holds them: by hash, and compared without building them. */
export interface WordSource {
  wordHash(i: number): number;
  isWord(i: number, word: string): boolean;
}

const ENDS: ReadonlyMap<number, readonly FormEnd[]> = buildEnds();

/** The forms ending in word `i` of `words`, or undefined when no form ends in it. */
export function formEndAt(words: WordSource, i: number): FormEnd | undefined {
  // Indexed, with no fallback array: called for the last word of every name read, often before
  // the engine has optimised it, where each `?? []` and iterator is an allocation.
  const ends = ENDS.get(words.wordHash(i));
  if (ends === undefined) return undefined;
  for (let k = 0; k < ends.length; k += 1) {
    const end = ends[k];
    if (end !== undefined && words.isWord(i, end.key)) return end;
  }
  return undefined;
}

function buildEnds(): Map<number, FormEnd[]> {
  const byKey = new Map<string, { single: boolean; longer: string[][] }>();
  for (const keys of LEGAL_FORM_KEYS) {
    const key = keys[keys.length - 1];
    if (key === undefined) continue;
    const entry = byKey.get(key) ?? { single: false, longer: [] };
    if (keys.length === 1) entry.single = true;
    else entry.longer.push([...keys]);
    byKey.set(key, entry);
  }
  const ends = new Map<number, FormEnd[]>();
  for (const [key, { single, longer }] of byKey) {
    const hash = hashKeyText(key, true);
    const end: FormEnd = {
      key,
      single,
      spellingMatters: formSpellingMatters(key),
      longer: longer.sort((a, b) => b.length - a.length),
    };
    ends.set(hash, [...(ends.get(hash) ?? []), end]);
  }
  return ends;
}
