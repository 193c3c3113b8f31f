import type { ChatPlatform } from '../../../src/domain/chat-identity.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import { type AdminRef, PSA_VERBS, parseChatCommand } from '../shared/command-grammar.js';
import type { TerminalCommand } from './commands.js';
import { parseRun, RUN_VERBS } from './parse-run.js';
import { invalid } from './parse-words.js';

/*
 * Turns one typed line into a command. `/psa …` (and the same words typed bare) is the shared
 * grammar every surface speaks; the words that work on the open import's lists are the
 * terminal's own. Nothing here knows who is acting or what is allowed.
 */

export type { MapChoice, RunCommand, TerminalCommand } from './commands.js';

const PLATFORMS: readonly ChatPlatform[] = ['terminal', 'slack', 'teams'];

/** Where a digest scheduled in the terminal goes: the terminal chat itself. */
export const TERMINAL_CONVERSATION: ThreadRef = { platform: 'terminal', data: 'local' };

/** `[platform:]user`, the terminal by default. */
function terminalUser(word: string): AdminRef | null {
  if (word === '') return null;
  const colon = word.indexOf(':');
  if (colon === -1) return { platform: 'terminal', userId: word };
  const platform = PLATFORMS.find((known) => known === word.slice(0, colon));
  const userId = word.slice(colon + 1);
  return platform === undefined || userId === '' ? null : { platform, userId };
}

/** Parses one line. `/psa` may prefix the import's words too (`/psa approve`). */
export function parseLine(line: string): TerminalCommand {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'empty' };
  const head = (text.split(/\s+/, 1)[0] ?? '').toLowerCase();
  if (['quit', 'exit', '/quit', '/exit'].includes(head)) return { kind: 'quit' };
  if (head === '/as') {
    const userId = text.split(/\s+/)[1];
    return userId === undefined ? invalid('/as <admin>') : { kind: 'as', userId };
  }
  const rest = head === '/psa' ? text.slice(head.length).trim() : text;
  const verb = (rest.split(/\s+/, 1)[0] ?? '').toLowerCase();
  if (RUN_VERBS.has(verb) && !PSA_VERBS.has(verb)) return parseRun(rest);
  return {
    kind: 'chat',
    command: parseChatCommand(rest, {
      adminRef: terminalUser,
      directoryApi: true,
      // Issue 14: a digest scheduled here is shown at the terminal's next prompt.
      conversation: TERMINAL_CONVERSATION,
    }),
  };
}
