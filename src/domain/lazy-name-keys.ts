import type { AnalysedName, OddForm } from './analysed-name.js';
import type { NameNote } from './name-notes.js';
import type { NameToken } from './name-tokens.js';

/** An analysed name's parts, but its two keys, which are spelt out from `kept` when read. */
export type NameParts = Omit<AnalysedName, 'key' | 'compact'>;

/**
 * An AnalysedName whose `key` and `compact` are joined from the kept words on first reading. The
 * matching compares words and their hashes, so of 200,000 names analysed per diff only the few
 * with a hit ever read a key; joining every one of them made strings for the collector alone.
 */
export class LazyKeyedName implements AnalysedName {
  readonly removed: readonly string[];
  readonly source: string;
  readonly scan: string;
  readonly tokens: readonly NameToken[];
  readonly kept: readonly NameToken[];
  readonly oddForm: OddForm | null;
  readonly notes: readonly NameNote[];
  readonly altKey: string | null;
  readonly hadInvisible: boolean;
  readonly hadFullWidth: boolean;
  readonly removedLeading: boolean;
  readonly removedTrailing: boolean;
  readonly keptFrom: number;
  readonly keptTo: number;
  #key: string | null = null;
  #compact: string | null = null;

  constructor(parts: NameParts) {
    this.removed = parts.removed;
    this.source = parts.source;
    this.scan = parts.scan;
    this.tokens = parts.tokens;
    this.kept = parts.kept;
    this.oddForm = parts.oddForm;
    this.notes = parts.notes;
    this.altKey = parts.altKey;
    this.hadInvisible = parts.hadInvisible;
    this.hadFullWidth = parts.hadFullWidth;
    this.removedLeading = parts.removedLeading;
    this.removedTrailing = parts.removedTrailing;
    this.keptFrom = parts.keptFrom;
    this.keptTo = parts.keptTo;
  }

  get key(): string {
    this.#key ??= joinWords(this.kept, ' ');
    return this.#key;
  }

  get compact(): string {
    this.#compact ??= joinWords(this.kept, '');
    return this.#compact;
  }
}

// Concatenated by hand: Array.join costs more than the rest of the analysis for short lists.
function joinWords(kept: readonly NameToken[], separator: string): string {
  let out = '';
  for (let i = 0; i < kept.length; i += 1) {
    const word = kept[i]?.word ?? '';
    out = i === 0 ? word : `${out}${separator}${word}`;
  }
  return out;
}
