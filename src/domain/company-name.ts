import type { AnalysedName, NormalisedName, OddForm } from './analysed-name.js';
import { LazyKeyedName } from './lazy-name-keys.js';
import { legalFormLength } from './legal-forms.js';
import { blankNotes, findNotes, type NameNote } from './name-notes.js';
import { type NameToken, tokenise } from './name-tokens.js';
import { readOddForm } from './odd-form.js';
import { PlainSpans, plainTokens, scanPlainSpans } from './plain-name-scan.js';
import { foldText, hasInvisible, narrowFullWidth, stripInvisible } from './text-fold.js';

export type { AnalysedName, NormalisedName, OddForm } from './analysed-name.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const UMLAUT = /[äöüÄÖÜ]/;
const UMLAUT_ALL = /[äöüÄÖÜ]/g;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

export function normaliseCompanyName(name: string): NormalisedName {
  const { key, removed } = analyseCompanyName(name);
  return { key, removed };
}

export function analyseCompanyName(name: string): AnalysedName {
  return scanPlainSpans(name, SPANS) ? analysePlain(SPANS) : analyseFully(name);
}

const SPANS = new PlainSpans();

/** The analysis of a name scanPlainSpans found plain, from its spans. */
export function analysePlain(spans: PlainSpans): AnalysedName {
  const { name } = spans;
  // Plain ASCII, without notes: the name is its own NFC, visible, narrow and note-free text.
  return analyseTokens({
    source: name,
    scan: name,
    tokens: plainTokens(spans),
    notes: NO_NOTES,
    ascii: true,
    nfc: name,
    visible: name,
    caseless: spans.caseless,
  });
}

/**
 * The analysis by the Unicode tokeniser and the note patterns, which any name can take; most take
 * the quicker scan in analyseCompanyName, which the tests hold to give exactly this.
 */
export function analyseFully(name: string): AnalysedName {
  // Printable ASCII is already NFC, with nothing invisible and nothing full-width.
  const ascii = PRINTABLE_ASCII.test(name);
  const nfc = ascii ? name : name.normalize('NFC');
  const visible = ascii ? nfc : stripInvisible(nfc);
  const source = ascii ? visible : narrowFullWidth(visible);
  const notes = findNotes(source);
  const scan = notes.length > 0 ? blankNotes(source, notes) : source;
  const caseless = scan.toLowerCase() === scan;
  return analyseTokens({ source, scan, tokens: tokenise(scan), notes, ascii, nfc, visible, caseless });
}

const NO_NOTES: readonly NameNote[] = [];

/** A name as read so far: its text at each step of cleaning, its notes and its tokens. */
interface ReadName {
  readonly source: string;
  readonly scan: string;
  readonly tokens: readonly NameToken[];
  readonly notes: readonly NameNote[];
  /** Printable ASCII: no Unicode folding to do. */
  readonly ascii: boolean;
  readonly nfc: string;
  readonly visible: string;
  /** No capital letter in `scan`: case then says nothing about legal forms. */
  readonly caseless: boolean;
}

// No caller changes a name's removed parts, so the empty list can be shared.
const NOTHING_REMOVED: readonly string[] = [];

function analyseTokens(read: ReadName): AnalysedName {
  const { source, scan, tokens, notes, ascii, nfc, visible, caseless } = read;
  let first = 0;
  let cut = tokens.length;
  // Most names have nothing removed: those share one empty list.
  let removed: string[] | null = null;

  // Every drop below keeps at least one token, so no name is ever reduced to nothing.
  const firstToken = tokens[0];
  if (firstToken !== undefined && tokens.length > 1 && firstToken.key === 'the') {
    first = 1;
    removed = [firstToken.text];
  }
  for (
    let n = legalFormLength(tokens, cut, first + 1, caseless);
    n > 0;
    n = legalFormLength(tokens, cut, first + 1, caseless)
  ) {
    cut -= n;
  }
  // Nothing dropped: the kept tokens are all of them, in the same (never changed) array.
  let kept: readonly NameToken[] = first === 0 && cut === tokens.length ? tokens : tokens.slice(first, cut);
  let oddForm: OddForm | null = null;
  if (cut === tokens.length) {
    const odd = readOddForm(kept, scan);
    if (odd !== null) {
      cut -= odd.drop;
      kept = odd.kept;
      const text =
        odd.drop > 0
          ? scan.slice(tokenAt(tokens, cut).start, tokenAt(tokens, tokens.length - 1).quoteEnd)
          : null;
      oddForm = { reason: odd.reason, form: odd.form, text };
    }
  }
  if (cut < tokens.length) {
    removed = removed ?? [];
    removed.push(scan.slice(tokenAt(tokens, cut).start, tokenAt(tokens, tokens.length - 1).quoteEnd));
  }

  return new LazyKeyedName({
    keptFrom: first > 0 ? tokenAt(tokens, 0).end : 0,
    keptTo: cut < tokens.length ? tokenAt(tokens, cut).start : scan.length,
    removed: removed ?? NOTHING_REMOVED,
    source,
    scan,
    tokens,
    kept,
    notes,
    oddForm,
    altKey: !ascii && UMLAUT.test(source) ? umlautKey(kept) : null,
    hadInvisible: !ascii && nfc !== visible && hasInvisible(nfc),
    hadFullWidth: visible !== source,
    removedLeading: first > 0,
    removedTrailing: cut < tokens.length,
  });
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
