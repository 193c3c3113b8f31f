/**
 * The domain's fold (lower case, no accents, no invisible or look-alike letters), so the company
 * search finds what duplicate matching calls the same: "strasse" finds "Straße" on both dialects.
 */
export { foldText } from '../../src/domain/text-fold.js';

/** Lower case for emails; done here because SQLite's lower() only folds ASCII. */
export function lowerEmail(email: string): string {
  return email.toLowerCase();
}

/** A LIKE pattern matching `text` anywhere, with the user's wildcards taken literally (escape `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
