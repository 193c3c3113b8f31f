/**
 * Candidates written without analysing either name, for the kinds of hit most duplicates are: a
 * managed name typed the same way, or in other capitals; one with a typo in one word and the rest
 * typed the same way; one typed the same way with a note after it ("Acme (OLD)"). Both names are
 * plain and read alike (name-key-reader.ts), so their analyses would have the same tokens, kept
 * and removed alike, and the reason says only what differs. Anything else returns null and takes
 * the full path (name-matching.ts); a test holds the two to the same candidates and reasons.
 */
import { found, inReviewOrder } from './candidate-order.js';
import type { CompanyNameIndex } from './company-name-index.js';
import type { ManagedCompany } from './directory.js';
import { quote } from './match-reason.js';
import { findNotes } from './name-notes.js';
import { lookUpPlain, type PlainHits } from './plain-lookup.js';
import type { DuplicateCandidate } from './review.js';
import { typoDifference } from './similar-names.js';

/** The candidates of the plain name lookUpPlain just read, or null to take the full path. */
export function quickCandidates(
  psaName: string,
  hits: PlainHits,
  index: CompanyNameIndex,
): DuplicateCandidate[] | null {
  if (hits.typoAt === -1) return sameTextCandidates(psaName, hits.sameKey, index);
  return hits.sameKey.length === 0 ? typoCandidates(psaName, hits, index) : null;
}

/**
 * The candidates of a printable ASCII name the reader left to the analysis because of one note at
 * its end ("Acme Widgets (OLD)", "Acme - DO NOT USE"), whose text before the note is a plain name
 * that only managed names of the same text but for capitals have: similar names, the note their
 * reason. Null for anything else, which takes the full path.
 */
export function notedCandidates(psaName: string, index: CompanyNameIndex): DuplicateCandidate[] | null {
  if (!PRINTABLE_ASCII.test(psaName)) return null;
  const notes = findNotes(psaName);
  const [note] = notes;
  if (note === undefined || note.end !== psaName.length) return null;
  const before = psaName.slice(0, note.start).trimEnd();
  const hits = lookUpPlain(before, index);
  if (hits === 'unread' || hits === 'more' || hits.typoAt !== -1) return null;
  // The note takes nothing from the name's words: no hit for them, none for it.
  if (hits.sameKey.length === 0) return [];
  const noted = `: ignoring the note ${quote(note.text)}`;
  return sameTextCandidates(before, hits.sameKey, index, {
    same: { lead: 'similar to', tail: noted, strength: 'similar' },
    caseOnly: { lead: 'similar to', tail: `${noted}, ignoring case`, strength: 'similar' },
  });
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** How a reason reads around the managed name it quotes, for names of the same text. */
interface SameTextReason {
  readonly lead: string;
  readonly tail: string;
  readonly strength: DuplicateCandidate['strength'];
}

/** The reasons for a managed name of the very same text, and for one that differs only in case. */
interface SameTextReasons {
  readonly same: SameTextReason;
  readonly caseOnly: SameTextReason;
}

const SAME_NAME: SameTextReasons = {
  same: { lead: 'same name as', tail: '', strength: 'same' },
  caseOnly: { lead: 'same name as', tail: ' ignoring case', strength: 'same' },
};

/** Managed names of the same text but for the capitals of ASCII letters: same names. */
function sameTextCandidates(
  psaName: string,
  positions: readonly number[],
  index: CompanyNameIndex,
  reasons: SameTextReasons = SAME_NAME,
): DuplicateCandidate[] | null {
  // Most such names meet one managed name: its candidate alone, without the list to order.
  if (positions.length === 1) {
    const candidate = sameTextCandidate(psaName, positions[0] ?? -1, index, reasons);
    return candidate === null ? null : [candidate];
  }
  const all: Named[] = [];
  for (const position of positions) {
    const candidate = sameTextCandidate(psaName, position, index, reasons);
    const entry = index.companies[position];
    if (candidate === null || entry === undefined) return null;
    add(all, entry, candidate);
  }
  return ordered(all);
}

/** The candidate of the managed name at `position`, or null when it is not the same text. */
function sameTextCandidate(
  psaName: string,
  position: number,
  index: CompanyNameIndex,
  reasons: SameTextReasons,
): DuplicateCandidate | null {
  const { reader, keptRanges } = index;
  const entry = index.companies[position];
  if (entry === undefined || !sameButCase(psaName, entry.name)) return null;
  // Case can decide a legal form ("AG", "Ag"): the same words must be kept on both sides (names
  // of the same text but for case and other kept words have other keys; only a collision of
  // their hashes would bring one here). The index says how the reader read the managed name.
  if (keptRanges[2 * position] !== reader.from || keptRanges[2 * position + 1] !== reader.to) return null;
  const { lead, tail, strength } = psaName === entry.name ? reasons.same : reasons.caseOnly;
  return {
    companyId: entry.id,
    companyName: entry.name,
    reason: `${lead} ${quote(entry.name)}${tail}`,
    strength,
  };
}

/**
 * Managed names that are the PSA name with one word one typo away (`hits.typoWord` at
 * `hits.typoAt`), the same text around it: similar names, whose reason is the typo alone.
 */
function typoCandidates(
  psaName: string,
  hits: PlainHits,
  index: CompanyNameIndex,
): DuplicateCandidate[] | null {
  const { reader, otherReader } = index;
  const { spans } = reader;
  const at = hits.typoAt;
  if (spans.isDotted(at)) return null;
  const start = spans.start(at);
  const end = spans.end(at);
  const all: Named[] = [];
  for (const position of hits.typo) {
    const entry = index.companies[position];
    if (entry === undefined || !otherReader.read(entry.name)) return null;
    const other = otherReader.spans;
    if (otherReader.from !== reader.from || otherReader.to !== reader.to || other.count !== spans.count)
      return null;
    if (other.isDotted(at) || other.start(at) !== start || !otherReader.isWord(at, hits.typoWord))
      return null;
    const otherEnd = other.end(at);
    if (!sameAround(psaName, start, end, entry.name, otherEnd)) return null;
    const main = typoDifference(
      psaName.slice(start, end),
      reader.word(at),
      entry.name.slice(start, otherEnd),
      hits.typoWord,
    );
    if (main === null) return null;
    const reason = `similar to ${quote(entry.name)}: ${main}`;
    add(all, entry, { companyId: entry.id, companyName: entry.name, reason, strength: 'similar' });
  }
  return ordered(all);
}

/** A candidate with the company it names. */
interface Named {
  readonly entry: ManagedCompany;
  readonly candidate: DuplicateCandidate;
}

/** Adds a company's candidate once (the first found), as the full path does. */
function add(all: Named[], entry: ManagedCompany, candidate: DuplicateCandidate): void {
  for (let i = 0; i < all.length; i += 1) if (all[i]?.entry.id === entry.id) return;
  all.push({ entry, candidate });
}

function ordered(all: readonly Named[]): DuplicateCandidate[] {
  // Most names have one: no sort keys, no sort.
  if (all.length === 1) return all.map((one) => one.candidate);
  return inReviewOrder(all.map(({ entry, candidate }) => found(entry, candidate)));
}

/** Whether `a` and `b` are the same text before `aStart` and from `aEnd` / `bEnd` on. */
function sameAround(a: string, aStart: number, aEnd: number, b: string, bEnd: number): boolean {
  if (a.length - aEnd !== b.length - bEnd) return false;
  for (let i = 0; i < aStart; i += 1) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  for (let i = 0; i < a.length - aEnd; i += 1)
    if (a.charCodeAt(aEnd + i) !== b.charCodeAt(bEnd + i)) return false;
  return true;
}

/** Whether `a` and `b` are the same text but for the case of ASCII letters. */
function sameButCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && !(isAsciiLetter(x) && (x | 0x20) === (y | 0x20))) return false;
  }
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
