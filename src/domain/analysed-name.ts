import type { NameNote } from './name-notes.js';
import type { NameToken } from './name-tokens.js';

export interface OddForm {
  /** What differs, e.g. `one letter missing in the legal form: "Compan" / "company"`. */
  readonly reason: string;
  /** The form it stands for, as a key ("company"). */
  readonly form: string;
  /** As removed from the name ("Compan"), or null when nothing was removed ("AcmeInc"). */
  readonly text: string | null;
}

export interface NormalisedName {
  /** Equal keys make two names the same name. Empty only for a name with no letters or digits. */
  readonly key: string;
  /** What was dropped (a leading "The", trailing legal forms), as written, for reasons. */
  readonly removed: readonly string[];
}

/** A normalised name with what the match reasons need to say how two names differ. */
export interface AnalysedName extends NormalisedName {
  /** The name in NFC without invisible characters or full-width forms; token offsets refer to it. */
  readonly source: string;
  /** `source` with the notes blanked out (same length), for separators between kept tokens. */
  readonly scan: string;
  /** Every token of the name outside its notes. */
  readonly tokens: readonly NameToken[];
  /** The tokens that make up the key, in order. */
  readonly kept: readonly NameToken[];
  /**
   * A legal form misspelt, glued to the name or split ("Compan", "AcmeInc", "Corpor ation"),
   * removed from the key but described here, since only a similar name can be read that way.
   */
  readonly oddForm: OddForm | null;
  /** Notes such as "(OLD)" or "zz", which the key ignores. */
  readonly notes: readonly NameNote[];
  /** The key with German umlauts written out ("müller" → "mueller"), when the name has one. */
  readonly altKey: string | null;
  /** The key without spaces, for names written together or apart ("BlueSky" / "Blue Sky"). */
  readonly compact: string;
  readonly hadInvisible: boolean;
  readonly hadFullWidth: boolean;
  readonly removedLeading: boolean;
  readonly removedTrailing: boolean;
  /** Where the kept part starts and ends in `source`: past a removed "The", before removed forms. */
  readonly keptFrom: number;
  readonly keptTo: number;
}
