import type { PsaCommand, TerminalCommand } from './commands.js';
import { invalid } from './parse-words.js';

const ENDPOINT_ACTIONS = {
  ping: 'webhooks-ping',
  rotate: 'webhooks-rotate',
  disable: 'webhooks-disable',
  remove: 'webhooks-remove',
} as const;

/**
 * `/psa tokens [create <name> | revoke <id|name>]` and
 * `/psa webhooks [add <url> [events…] | ping|rotate|disable|remove <id>]` (issue 13).
 * `words` follow the group word; `rest(n)` is the text after the first n of them.
 */
export function parseDirectoryApi(
  group: 'tokens' | 'webhooks' | string,
  words: readonly string[],
  rest: (from: number) => string,
): TerminalCommand {
  const psa = (command: PsaCommand): TerminalCommand => ({ kind: 'psa', command });
  const [action, arg] = words;
  if (group === 'tokens') {
    if (action === undefined || action === 'list') return psa({ kind: 'tokens-list' });
    if (action === 'create')
      return rest(1) === ''
        ? invalid('/psa tokens create <name>')
        : psa({ kind: 'tokens-create', name: rest(1) });
    if (action === 'revoke')
      return rest(1) === ''
        ? invalid('/psa tokens revoke <id|name>')
        : psa({ kind: 'tokens-revoke', token: rest(1) });
    return invalid('/psa tokens [create <name> | revoke <id|name>]');
  }
  if (action === undefined || action === 'list') return psa({ kind: 'webhooks-list' });
  if (action === 'add') {
    if (arg === undefined) return invalid('/psa webhooks add <https url> [events…]');
    const events = words
      .slice(2)
      .flatMap((w) => w.split(','))
      .filter((w) => w !== '');
    return psa({ kind: 'webhooks-add', url: arg, events });
  }
  const kind = ENDPOINT_ACTIONS[action as keyof typeof ENDPOINT_ACTIONS];
  if (kind === undefined)
    return invalid('/psa webhooks [add <url> [events] | ping|rotate|disable|remove <id>]');
  return arg === undefined ? invalid(`/psa webhooks ${action} <id>`) : psa({ kind, endpointId: arg });
}
