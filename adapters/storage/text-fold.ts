/** Lower case without accents, so "École" is found by "ecole" on both dialects alike. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Lower case for emails; done here because SQLite's lower() only folds ASCII. */
export function lowerEmail(email: string): string {
  return email.toLowerCase();
}

/** A LIKE pattern matching `text` anywhere, with the user's wildcards taken literally (escape `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
