import type { TerminalCommand } from './commands.js';

export function invalid(hint: string): TerminalCommand {
  return { kind: 'chat', command: { kind: 'error', code: 'invalid_input', details: { hint } } };
}

/** A positive whole number as printed in lists, or null. */
export function positive(word: string | undefined): number | null {
  if (word === undefined || !/^\d{1,9}$/.test(word)) return null;
  const n = Number(word);
  return n >= 1 ? n : null;
}

export function pageOr(word: string, make: (page: number) => TerminalCommand): TerminalCommand {
  const page = positive(word);
  return page === null ? invalid('page numbers start at 1') : make(page);
}

/** A run number from `/psa status` (`approve 2`): small, so it is never a row or an id. */
export function runNumber(word: string | undefined): number | null {
  return word !== undefined && /^\d{1,3}$/.test(word) ? positive(word) : null;
}
