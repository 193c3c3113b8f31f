import { isLegalForm } from './legal-forms.js';
import { type NameToken, tokenise } from './name-tokens.js';

export interface NormalisedName {
  /** Equal keys make two names potential duplicates. Empty only for a name with no letters or digits. */
  readonly key: string;
  /** What was dropped (a leading "The", trailing legal forms), as written, for reasons. */
  readonly removed: readonly string[];
}

/** A normalised name with what the match reasons need to say how two names differ. */
export interface AnalysedName extends NormalisedName {
  /** The name in NFC, which the token offsets refer to. */
  readonly source: string;
  /** The tokens that make up the key, in order. */
  readonly kept: readonly NameToken[];
  readonly removedLeading: boolean;
  readonly removedTrailing: boolean;
  /** Where the kept part starts and ends in `source`: past a removed "The", before removed forms. */
  readonly keptFrom: number;
  readonly keptTo: number;
}

export function normaliseCompanyName(name: string): NormalisedName {
  const { key, removed } = analyseCompanyName(name);
  return { key, removed };
}

export function analyseCompanyName(name: string): AnalysedName {
  const source = name.normalize('NFC');
  const tokens = tokenise(source);
  let first = 0;
  let cut = tokens.length;
  const removed: string[] = [];

  // Every drop below keeps at least one token, so no name is ever reduced to nothing.
  const firstToken = tokens[0];
  if (firstToken !== undefined && tokens.length > 1 && firstToken.key === 'the') {
    first = 1;
    removed.push(firstToken.text);
  }
  while (cut - first > 1 && isLegalForm(tokenAt(tokens, cut - 1))) {
    cut -= 1;
    // A connector left behind belonged to the legal form: "Smith & Co." or "GmbH & Co. KG".
    if (cut - first > 1 && tokenAt(tokens, cut - 1).key === 'and') cut -= 1;
  }
  if (cut < tokens.length) {
    removed.push(source.slice(tokenAt(tokens, cut).start, tokenAt(tokens, tokens.length - 1).quoteEnd));
  }

  const kept = tokens.slice(first, cut);
  return {
    keptFrom: first > 0 ? tokenAt(tokens, 0).end : 0,
    keptTo: cut < tokens.length ? tokenAt(tokens, cut).start : source.length,
    key: kept.map((token) => token.key).join(' '),
    removed,
    source,
    kept,
    removedLeading: first > 0,
    removedTrailing: cut < tokens.length,
  };
}

function tokenAt(tokens: readonly NameToken[], index: number): NameToken {
  const token = tokens[index];
  if (token === undefined) throw new RangeError(`no token at ${index}`);
  return token;
}
