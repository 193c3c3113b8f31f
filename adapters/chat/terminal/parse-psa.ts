import type { ChatPlatform } from '../../../src/domain/chat-identity.js';
import type { PsaCommand, TerminalCommand } from './commands.js';
import { parseDirectoryApi } from './parse-directory-api.js';
import { invalid } from './parse-words.js';

const PLATFORMS: readonly ChatPlatform[] = ['terminal', 'slack', 'teams'];

/** `[platform:]user` with the terminal as the default platform. */
function adminRef(word: string): { platform: ChatPlatform; userId: string } | null {
  const colon = word.indexOf(':');
  if (colon === -1) return { platform: 'terminal', userId: word };
  const platform = word.slice(0, colon) as ChatPlatform;
  const userId = word.slice(colon + 1);
  return PLATFORMS.includes(platform) && userId !== '' ? { platform, userId } : null;
}

/** `rest(n)`: the line after `/psa` and its first n words. */
export function parsePsa(words: readonly string[], rest: (from: number) => string): TerminalCommand {
  const [sub = 'help', arg] = words;
  const psa = (command: PsaCommand): TerminalCommand => ({ kind: 'psa', command });
  switch (sub.toLowerCase()) {
    case 'help':
      return psa({ kind: 'help' });
    case 'connect':
      return arg === undefined
        ? invalid('say which PSA: /psa connect connectwise')
        : psa({ kind: 'connect', provider: arg.toLowerCase() });
    case 'import':
      return arg === undefined
        ? invalid('say which PSA: /psa import connectwise')
        : psa({ kind: 'import', provider: arg.toLowerCase(), filterText: rest(2) });
    case 'status':
      return psa({ kind: 'status' });
    case 'cancel':
      return psa({ kind: 'cancel' });
    case 'history':
      return psa({ kind: 'history' });
    case 'licenses':
    case 'licences':
      return psa({ kind: 'licenses' });
    case 'admins': {
      if (arg === undefined) return psa({ kind: 'admins-list' });
      const who = words[2] === undefined ? null : adminRef(words[2]);
      if ((arg === 'add' || arg === 'remove') && who === null) return invalid(`/psa admins ${arg} <user>`);
      if (arg === 'add' && who !== null) {
        const name = rest(3);
        return psa({ kind: 'admins-add', ...who, displayName: name === '' ? who.userId : name });
      }
      if (arg === 'remove' && who !== null) return psa({ kind: 'admins-remove', ...who });
      return invalid('/psa admins [add <user> [Display Name] | remove <user>]');
    }
    case 'companies': {
      if (arg === 'add') {
        const name = rest(2);
        return name === '' ? invalid('/psa companies add <name>') : psa({ kind: 'companies-add', name });
      }
      const query = arg === 'search' ? rest(2) : rest(1);
      return psa({ kind: 'companies-list', query });
    }
    case 'tokens':
    case 'webhooks':
      return parseDirectoryApi(sub.toLowerCase(), words.slice(1), (n) => rest(n + 1));
    default:
      return invalid(`unknown command /psa ${sub}; type /psa help`);
  }
}
