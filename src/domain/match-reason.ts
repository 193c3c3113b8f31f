import type { AnalysedName } from './company-name.js';
import { describeDifferences } from './name-differences.js';
import { quote, quotedList } from './quoted-list.js';
import { foldText } from './text-fold.js';

export { listOf, quote } from './quoted-list.js';

/**
 * Why two names with the same key are the same name, in plain words quoting the managed
 * company's name, e.g. `same as "ACME, Inc." after removing "Inc.", ignoring case`.
 */
export function sameReason(psa: AnalysedName, managed: AnalysedName, managedName: string): string {
  const { anyRemoved, text } = describeDifferences(psa, managed, -1);
  const lead = anyRemoved ? `same as ${quote(managedName)}` : `same name as ${quote(managedName)}`;
  return text === '' ? lead : `${lead} ${text}`;
}

/**
 * Why a name is similar: what makes it differ (`main`, e.g. `two letters swapped: "Accountnig" /
 * "Accounting"`), then what else differs the way same names may. `skip` is the index of a kept
 * token the main difference already covers; -1 when the kept tokens do not line up one to one.
 */
export function similarReason(
  psa: AnalysedName,
  managed: AnalysedName,
  managedName: string,
  main: string,
  skip: number | null,
): string {
  const { text } = describeDifferences(psa, managed, skip);
  return `similar to ${quote(managedName)}: ${main}${text === '' ? '' : `, ${text}`}`;
}

/** `ignoring the note "(OLD)"` for the notes only one side has, or null when both have the same. */
export function noteDifference(psa: AnalysedName, managed: AnalysedName): string | null {
  if (psa.notes.length === 0 && managed.notes.length === 0) return null;
  const psaNotes = psa.notes.map((note) => note.text);
  const managedNotes = managed.notes.map((note) => note.text);
  if (listKey(psaNotes) === listKey(managedNotes)) return null;
  const managedKeys = new Set(managedNotes.map(foldText));
  const psaKeys = new Set(psaNotes.map(foldText));
  const only = [
    ...psaNotes.filter((note) => !managedKeys.has(foldText(note))),
    ...managedNotes.filter((note) => !psaKeys.has(foldText(note))),
  ];
  const shown = only.length > 0 ? only : [...psaNotes, ...managedNotes];
  return `ignoring the ${shown.length > 1 ? 'notes' : 'note'} ${quotedList(shown)}`;
}

function listKey(notes: readonly string[]): string {
  return notes.map(foldText).join('\u0000');
}
