import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { NameToken } from './name-tokens.js';

/** What names are indexed and looked up by; the reasons need the whole AnalysedName. */
export interface NameKeys {
  /** As AnalysedName.key: equal keys make two names the same name. */
  readonly key: string;
  readonly altKey: string | null;
  readonly compact: string;
  /** The words the key is made of, in order. */
  readonly words: readonly string[];
}

/** The keys of a company name, as `analyseCompanyName` gives them. */
export function nameKeys(name: string): NameKeys {
  return keysOf(analyseCompanyName(name));
}

export function keysOf(name: AnalysedName): NameKeys {
  return { key: name.key, altKey: name.altKey, compact: name.compact, words: name.kept.map(wordOf) };
}

function wordOf(token: NameToken): string {
  return token.word;
}
