import type { Intent } from '../../../src/app/intents.js';

const ENDPOINT_ACTIONS = {
  ping: 'webhooks-ping',
  rotate: 'webhooks-rotate',
  disable: 'webhooks-disable',
  remove: 'webhooks-remove',
} as const;

function isEndpointAction(word: string): word is keyof typeof ENDPOINT_ACTIONS {
  return Object.hasOwn(ENDPOINT_ACTIONS, word);
}

/**
 * `/psa tokens [create <name> | revoke <id|name>]` and
 * `/psa webhooks [add <url> [events…] | ping|rotate|disable|remove <id>]`: the intent, or the
 * usage line to show. `words` follow the group word; `rest(n)` is the text after the first n.
 */
export function parseDirectoryApiCommand(
  group: 'tokens' | 'webhooks',
  words: readonly string[],
  rest: (from: number) => string,
): Intent | { readonly usage: string } {
  const [action, arg] = words;
  if (group === 'tokens') {
    if (action === undefined || action === 'list') return { kind: 'tokens-list' };
    if (action === 'create')
      return rest(1) === ''
        ? { usage: '/psa tokens create <name>' }
        : { kind: 'tokens-create', name: rest(1) };
    if (action === 'revoke')
      return rest(1) === ''
        ? { usage: '/psa tokens revoke <id|name>' }
        : { kind: 'tokens-revoke', token: rest(1) };
    return { usage: '/psa tokens [create <name> | revoke <id|name>]' };
  }
  if (action === undefined || action === 'list') return { kind: 'webhooks-list' };
  if (action === 'add') {
    if (arg === undefined) return { usage: '/psa webhooks add <https url> [events…]' };
    const events = words
      .slice(2)
      .flatMap((word) => word.split(','))
      .filter((word) => word !== '');
    return { kind: 'webhooks-add', url: arg, events };
  }
  if (action === undefined || !isEndpointAction(action))
    return { usage: '/psa webhooks [add <url> [events] | ping|rotate|disable|remove <id>]' };
  return arg === undefined
    ? { usage: `/psa webhooks ${action} <id>` }
    : { kind: ENDPOINT_ACTIONS[action], endpointId: arg };
}
