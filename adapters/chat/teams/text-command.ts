import type { Intent } from '../../../src/app/intents.js';
import { isProvider, type Provider } from '../../../src/domain/provider.js';

/**
 * A message to the bot (`@PSA import connectwise`, or `/psa status` in a personal chat), as the
 * same commands the other surfaces take. Connect and import need more than a line of text: they
 * become a button that opens the credentials dialog, and the import of the dialog.
 */
export type TextCommand =
  | { readonly kind: 'intent'; readonly intent: Intent }
  | { readonly kind: 'connect'; readonly provider: Provider }
  | { readonly kind: 'import'; readonly provider: Provider; readonly filterText: string };

/** Removes `<at>Bot</at>` mentions and any other markup Teams puts around the text. */
export function commandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/?psa\b\s*/i, '');
}

const HELP: TextCommand = { kind: 'intent', intent: { kind: 'help' } };

export function parseTextCommand(raw: string): TextCommand {
  const line = commandText(raw);
  const [word = '', ...rest] = line.split(' ');
  const args = rest.join(' ').trim();
  const first = rest[0]?.toLowerCase() ?? '';
  switch (word.toLowerCase()) {
    case 'connect':
      return isProvider(first) ? { kind: 'connect', provider: first } : HELP;
    case 'import':
      return isProvider(first)
        ? { kind: 'import', provider: first, filterText: rest.slice(1).join(' ') }
        : HELP;
    case 'status':
      return { kind: 'intent', intent: { kind: 'status' } };
    case 'cancel':
      return { kind: 'intent', intent: { kind: 'cancel', runId: null } };
    case 'history':
      return { kind: 'intent', intent: { kind: 'history' } };
    case 'licenses':
    case 'licences':
      return { kind: 'intent', intent: { kind: 'licenses' } };
    case 'admins': {
      const target = rest[1] ?? '';
      if (first === 'add' && target !== '') {
        const displayName = rest.slice(2).join(' ').trim() || target;
        return {
          kind: 'intent',
          intent: { kind: 'admins-add', platform: 'teams', userId: target, displayName },
        };
      }
      if (first === 'remove' && target !== '') {
        return { kind: 'intent', intent: { kind: 'admins-remove', platform: 'teams', userId: target } };
      }
      return { kind: 'intent', intent: { kind: 'admins-list' } };
    }
    case 'companies':
      if (first === 'add' && rest.length > 1) {
        return { kind: 'intent', intent: { kind: 'companies-add', name: rest.slice(1).join(' ') } };
      }
      return { kind: 'intent', intent: { kind: 'companies-list', query: args } };
    default:
      return HELP;
  }
}
