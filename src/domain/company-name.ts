import { legalFormLength } from './legal-forms.js';
import { blankNotes, findNotes, type NameNote } from './name-notes.js';
import { type NameToken, tokenise } from './name-tokens.js';
import { foldText, hasInvisible, stripInvisible } from './text-fold.js';

export interface NormalisedName {
  /** Equal keys make two names the same name. Empty only for a name with no letters or digits. */
  readonly key: string;
  /** What was dropped (a leading "The", trailing legal forms), as written, for reasons. */
  readonly removed: readonly string[];
}

/** A normalised name with what the match reasons need to say how two names differ. */
export interface AnalysedName extends NormalisedName {
  /** The name in NFC without invisible characters, which the token offsets refer to. */
  readonly source: string;
  /** `source` with the notes blanked out (same length), for separators between kept tokens. */
  readonly scan: string;
  /** Every token of the name outside its notes. */
  readonly tokens: readonly NameToken[];
  /** The tokens that make up the key, in order. */
  readonly kept: readonly NameToken[];
  /** Notes such as "(OLD)" or "zz", which the key ignores. */
  readonly notes: readonly NameNote[];
  /** The key with German umlauts written out ("müller" → "mueller"), when the name has one. */
  readonly altKey: string | null;
  /** The key without spaces, for names written together or apart ("BlueSky" / "Blue Sky"). */
  readonly compact: string;
  readonly hadInvisible: boolean;
  readonly removedLeading: boolean;
  readonly removedTrailing: boolean;
  /** Where the kept part starts and ends in `source`: past a removed "The", before removed forms. */
  readonly keptFrom: number;
  readonly keptTo: number;
}

const UMLAUT = /[äöüÄÖÜ]/;
const UMLAUT_ALL = /[äöüÄÖÜ]/g;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

export function normaliseCompanyName(name: string): NormalisedName {
  const { key, removed } = analyseCompanyName(name);
  return { key, removed };
}

export function analyseCompanyName(name: string): AnalysedName {
  const nfc = name.normalize('NFC');
  const source = stripInvisible(nfc);
  const notes = findNotes(source);
  const scan = notes.length > 0 ? blankNotes(source, notes) : source;
  const tokens = tokenise(scan);
  let first = 0;
  let cut = tokens.length;
  const removed: string[] = [];

  // Every drop below keeps at least one token, so no name is ever reduced to nothing.
  const firstToken = tokens[0];
  if (firstToken !== undefined && tokens.length > 1 && firstToken.key === 'the') {
    first = 1;
    removed.push(firstToken.text);
  }
  for (let n = legalFormLength(tokens, cut, first + 1); n > 0; n = legalFormLength(tokens, cut, first + 1)) {
    cut -= n;
  }
  if (cut < tokens.length) {
    removed.push(scan.slice(tokenAt(tokens, cut).start, tokenAt(tokens, tokens.length - 1).quoteEnd));
  }

  const kept = tokens.slice(first, cut);
  const key = kept.map((token) => token.word).join(' ');
  return {
    keptFrom: first > 0 ? tokenAt(tokens, 0).end : 0,
    keptTo: cut < tokens.length ? tokenAt(tokens, cut).start : scan.length,
    key,
    removed,
    source,
    scan,
    tokens,
    kept,
    notes,
    altKey: UMLAUT.test(source) ? umlautKey(kept) : null,
    compact: kept.map((token) => token.word).join(''),
    hadInvisible: nfc !== source && hasInvisible(nfc),
    removedLeading: first > 0,
    removedTrailing: cut < tokens.length,
  };
}

function umlautKey(kept: readonly NameToken[]): string {
  return kept
    .map((token) =>
      UMLAUT.test(token.text)
        ? foldText(token.text.replace(UMLAUT_ALL, (c) => UMLAUTS[c] ?? c)).replace(NOT_ALPHANUMERIC, '')
        : token.word,
    )
    .join(' ');
}

function tokenAt(tokens: readonly NameToken[], index: number): NameToken {
  const token = tokens[index];
  if (token === undefined) throw new RangeError(`no token at ${index}`);
  return token;
}
