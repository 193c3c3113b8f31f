import { formEndAt, type WordSource } from './legal-form-ends.js';
import { LONGEST_FORM, singleFormCounts } from './legal-forms.js';
import { finish, OFFSET, PRIME, SPACE } from './name-key-hash.js';
import { maySpell, wordFor } from './name-tokens.js';
import { findOddForm, mayBeOddForm, type OddFormToken, type WordEnds } from './odd-form.js';
import { PlainSpans, scanPlainSpans } from './plain-name-scan.js';

/**
 * The kept words of a plain name (AnalysedName.kept) read straight from its spans, without
 * analysing it: their hashes are all the name index stores of 100,000 managed names, and all a
 * lookup that finds nothing (most lookups) needs. A name whose key needs more than the plain rules
 * (a leading "The", trailing legal forms) is not read: a short spelling ("St"), an odd legal form
 * ("Compan"), a single trailing letter, anything scanPlainSpans refuses. Those take the full
 * analysis. The tests hold the words read here to be exactly the analysis's.
 * Each `read` replaces the last; one reader per index, used synchronously.
 */
export class NameKeyReader implements WordSource {
  readonly spans = new PlainSpans();
  /** The kept tokens are spans [from, to). */
  from = 0;
  to = 0;
  /** The name's key hashes, once `keyHashes` has worked them out. */
  compact = 0;
  spaced = 0;
  // One view, pointed at the last word of each name read: the reader looks at nearly every name's.
  private readonly lastWord = new LastWordView(this);

  read(name: string): boolean {
    const spans = this.spans;
    if (!scanPlainSpans(name, spans)) return false;
    const count = spans.count;
    // As the analysis: every drop keeps at least one token.
    const first = count > 1 && this.isThe(0) ? 1 : 0;
    let cut = count;
    for (let n = this.formLength(cut, first + 1); n !== 0; n = this.formLength(cut, first + 1)) {
      if (n < 0) return false;
      cut -= n;
    }
    if (cut === count && cut > first && mayBeOddForm(this.lastWord.at(cut - 1), cut - first)) {
      const before = cut - 2 >= first ? this.token(cut - 2) : undefined;
      if (findOddForm(this.token(cut - 1), before, cut - first) !== null) return false;
    }
    // A short spelling ("St") is read as another word: the analysis says which.
    for (let i = first; i < cut; i += 1)
      if (this.maySpell(i) && wordFor(this.word(i)) !== this.word(i)) return false;
    this.from = first;
    this.to = cut;
    return true;
  }

  /** hashWords(kept, spaced, position, word) of the name read: `word` stands in at `position`. */
  hash(spaced: boolean, position = -1, word = ''): number {
    let hash = OFFSET;
    for (let i = this.from; i < this.to; i += 1) {
      if (spaced && i > this.from) hash = Math.imul(hash ^ SPACE, PRIME);
      if (i !== position) hash = this.hashInto(hash, i);
      else for (let k = 0; k < word.length; k += 1) hash = Math.imul(hash ^ word.charCodeAt(k), PRIME);
    }
    return finish(hash);
  }

  /**
   * hash(false) and hash(true) of the name read, in one pass over its chars, into `compact` and
   * `spaced`: a lookup needs both, and the chars are read once.
   */
  keyHashes(): void {
    if (this.from === 0 && this.to > 0) {
      // Kept words from the first token on (no leading "The"): the scan has them.
      this.compact = finish(this.spans.compactStates[this.to - 1] ?? 0);
      this.spaced = finish(this.spans.spacedStates[this.to - 1] ?? 0);
      return;
    }
    const { name } = this.spans;
    let compact = OFFSET;
    let spaced = OFFSET;
    for (let i = this.from; i < this.to; i += 1) {
      if (i > this.from) spaced = Math.imul(spaced ^ SPACE, PRIME);
      for (let at = this.spans.start(i); at < this.spans.end(i); at += 1) {
        const c = name.charCodeAt(at);
        if (c === 0x2e) continue;
        compact = Math.imul(compact ^ lower(c), PRIME);
        spaced = Math.imul(spaced ^ lower(c), PRIME);
      }
    }
    this.compact = finish(compact);
    this.spaced = finish(spaced);
  }

  /** The hash of kept token `i`'s word alone (hashKeyText), as the scan took it. */
  wordHash(i: number): number {
    return this.spans.hash(i);
  }

  wordLength(i: number): number {
    const { spans } = this;
    const length = spans.end(i) - spans.start(i);
    // "P.C.": every other char a letter, maybe a final dot.
    return spans.isDotted(i) ? (length + 1) >> 1 : length;
  }

  /** Kept token `i`'s word, as a string. */
  word(i: number): string {
    return this.spans.key(i);
  }

  /** Whether kept token `i`'s word is `word`, without building it. */
  isWord(i: number, word: string): boolean {
    if (this.wordLength(i) !== word.length) return false;
    const { name } = this.spans;
    let k = 0;
    for (let at = this.spans.start(i); at < this.spans.end(i); at += 1) {
      const c = name.charCodeAt(at);
      if (c === 0x2e) continue;
      if (lower(c) !== word.charCodeAt(k)) return false;
      k += 1;
    }
    return true;
  }

  private hashInto(start: number, i: number): number {
    const { name } = this.spans;
    let hash = start;
    for (let at = this.spans.start(i); at < this.spans.end(i); at += 1) {
      const c = name.charCodeAt(at);
      if (c !== 0x2e) hash = Math.imul(hash ^ lower(c), PRIME);
    }
    return hash;
  }

  private isThe(i: number): boolean {
    return this.isWord(i, 'the');
  }

  /**
   * legalFormLength (legal-forms.ts) on the spans, for a last token that is not a single letter;
   * -1 when it is one (the glued-initials rule is the full analysis's).
   */
  private formLength(cut: number, keep: number): number {
    const { spans } = this;
    const last = cut - 1;
    if (last < 0) return 0;
    if (spans.end(last) - spans.start(last) === 1 && isLetter(spans.name.charCodeAt(spans.start(last))))
      return -1;
    const end = formEndAt(this, last);
    if (end === undefined) return 0;
    const most = Math.min(LONGEST_FORM, cut - keep);
    for (let f = 0; f < end.longer.length; f += 1) {
      const keys = end.longer[f] ?? [];
      if (keys.length <= most && this.endsInWords(cut, keys)) return keys.length;
    }
    if (!end.single || most < 1) return 0;
    if (!end.spellingMatters) return 1;
    const before = cut - 2 >= 0 ? { key: spans.key(cut - 2) } : undefined;
    return singleFormCounts(this.formToken(last), before, spans.caseless) ? 1 : 0;
  }

  /** Whether the words before token `cut` are `keys`. */
  private endsInWords(cut: number, keys: readonly string[]): boolean {
    const n = keys.length;
    for (let k = 0; k < n; k += 1) if (!this.isWord(cut - n + k, keys[k] ?? '')) return false;
    return true;
  }

  /** Whether word `i` ends in `suffix` (lower case), read from the name. */
  endsWith(i: number, suffix: string): boolean {
    const { spans } = this;
    // Dotted words ("P.C.") are single letters: none ends in a form of three letters or more.
    if (spans.isDotted(i)) return false;
    const start = spans.end(i) - suffix.length;
    if (start < spans.start(i)) return false;
    for (let k = 0; k < suffix.length; k += 1) {
      if (lower(spans.name.charCodeAt(start + k)) !== suffix.charCodeAt(k)) return false;
    }
    return true;
  }

  private token(i: number): OddFormToken {
    return { key: this.spans.key(i), text: this.spans.text(i), connector: false };
  }

  private formToken(i: number): Parameters<typeof singleFormCounts>[0] {
    const { spans } = this;
    return {
      key: spans.key(i),
      text: spans.text(i),
      dotted: spans.isDotted(i),
      end: spans.end(i),
      quoteEnd: spans.quoteEnd(i),
    };
  }

  /** Whether token `i`'s key may be a short spelling, which makes its word another ("st"). */
  private maySpell(i: number): boolean {
    const { spans } = this;
    const length = this.wordLength(i);
    const { name } = spans;
    const first = lower(name.charCodeAt(spans.start(i)));
    let end = spans.end(i) - 1;
    if (name.charCodeAt(end) === 0x2e) end -= 1;
    return maySpell(length, first, lower(name.charCodeAt(end)));
  }
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** A word of the name a reader holds, as mayBeOddForm reads it, without building it. */
class LastWordView implements WordEnds {
  length = 0;
  first = 0;
  last = 0;
  hash = 0;
  private word = 0;

  constructor(private readonly reader: NameKeyReader) {}

  /** Points the view at word `i` of the name read. */
  at(i: number): this {
    const { spans } = this.reader;
    const { name } = spans;
    let end = spans.end(i) - 1;
    if (name.charCodeAt(end) === 0x2e) end -= 1;
    this.word = i;
    this.length = this.reader.wordLength(i);
    this.first = lower(name.charCodeAt(spans.start(i)));
    this.last = lower(name.charCodeAt(end));
    this.hash = this.reader.wordHash(i);
    return this;
  }

  endsWith(form: string): boolean {
    return this.reader.endsWith(this.word, form);
  }
}
