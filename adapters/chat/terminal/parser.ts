import type { TerminalCommand } from './commands.js';
import { parsePsa } from './parse-psa.js';
import { parseRun } from './parse-run.js';
import { invalid } from './parse-words.js';

/*
 * Turns one typed line into a command. Row, company and contact numbers are the numbers printed in
 * the last list; the session resolves them. Nothing here knows who is acting or what is allowed:
 * the core checks that for every intent.
 */

export type { MapChoice, PsaCommand, RunCommand, TerminalCommand } from './commands.js';

/** Parses one line. `/psa` may prefix run actions too (`/psa approve`). */
export function parseLine(line: string): TerminalCommand {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'empty' };
  const tokens = text.split(/\s+/);
  // The rest of the line from token `from`, spacing kept: names and reasons may contain spaces.
  const restFrom = (offset: number) => (from: number) => {
    let remaining = text;
    for (let i = 0; i < offset + from && remaining !== ''; i += 1)
      remaining = remaining.replace(/^\S+\s*/, '');
    return remaining.trim();
  };
  const head = (tokens[0] ?? '').toLowerCase();
  if (head === 'quit' || head === 'exit' || head === '/quit' || head === '/exit') return { kind: 'quit' };
  if (head === '/as') {
    return tokens[1] === undefined ? invalid('/as <admin>') : { kind: 'as', userId: tokens[1] };
  }
  if (head === '/psa') {
    const words = tokens.slice(1);
    const verb = (words[0] ?? '').toLowerCase();
    const isRunVerb =
      verb !== '' &&
      ![
        'help',
        'connect',
        'import',
        'status',
        'cancel',
        'history',
        'licenses',
        'licences',
        'admins',
        'companies',
        'tokens',
        'webhooks',
      ].includes(verb);
    return isRunVerb ? parseRun(verb, words.slice(1), restFrom(2)) : parsePsa(words, restFrom(1));
  }
  if (head === 'help') return { kind: 'psa', command: { kind: 'help' } };
  return parseRun(head, tokens.slice(1), restFrom(1));
}
