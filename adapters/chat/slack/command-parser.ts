import type { Intent } from '../../../src/app/intents.js';
import type { ErrorCode, ErrorDetails } from '../../../src/domain/errors.js';
import { isProvider, type Provider, providerWords } from '../../../src/domain/provider.js';

/** What `/psa …` asks for, before the core sees it. */
export type ParsedCommand =
  | { readonly kind: 'intent'; readonly intent: Intent }
  | { readonly kind: 'connect'; readonly provider: Provider }
  | { readonly kind: 'import'; readonly provider: Provider; readonly filterText: string }
  | { readonly kind: 'export'; readonly runId: string | null }
  /** Credentials were typed into the command: refused, and the text is never echoed. */
  | { readonly kind: 'secret-refused' }
  | { readonly kind: 'error'; readonly code: ErrorCode; readonly details: ErrorDetails };

/**
 * Words that mean someone is pasting a credential (`privateKey=…`, `secret: …`). Filters use
 * `type=` and `status=`, which never match.
 */
const SECRET_ASSIGNMENT =
  /(?:^|[\s"'])(?:private[\s_-]?key|public[\s_-]?key|client[\s_-]?id|secret|password|passw(?:or)?d|pwd|token|api[\s_-]?key|integration[\s_-]?code|user[\s_-]?name|company[\s_-]?id|credentials?)\s*[=:]/i;
/** Slack tokens, and long opaque words of letters and digits (API keys), look like secrets too. */
const SLACK_TOKEN = /\b(?:xox[abposr]|xapp)-/;
const OPAQUE = /^[A-Za-z0-9+/_=.-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function opaqueWord(word: string): boolean {
  return OPAQUE.test(word) && !UUID.test(word) && /\d/.test(word) && /[A-Za-z]/.test(word);
}

export function looksLikeSecret(text: string): boolean {
  return SECRET_ASSIGNMENT.test(text) || SLACK_TOKEN.test(text) || text.split(/\s+/).some(opaqueWord);
}

/** `<@U123|alice>` or `<@U123>` (Slack escapes mentions in command text), or a bare id. */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/;
const BARE_ID = /^([UW][A-Z0-9]{2,})$/;

function parseUser(word: string): { userId: string; displayName: string } | null {
  const mention = MENTION.exec(word);
  if (mention?.[1] !== undefined) return { userId: mention[1], displayName: mention[2] || mention[1] };
  const bare = BARE_ID.exec(word);
  if (bare?.[1] !== undefined) return { userId: bare[1], displayName: bare[1] };
  return null;
}

function invalid(hint: string): ParsedCommand {
  return { kind: 'error', code: 'invalid_input', details: { hint } };
}

function provider(word: string | undefined): Provider | ParsedCommand {
  const lower = (word ?? '').toLowerCase();
  if (lower === '') return invalid(`name the PSA: ${providerWords(', ')}`);
  if (!isProvider(lower)) return { kind: 'error', code: 'unknown_provider', details: {} };
  return lower;
}

function intent(value: Intent): ParsedCommand {
  return { kind: 'intent', intent: value };
}

/** Parses the text after `/psa`. Never returns any of the text it refuses. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const [rawVerb = '', ...rest] = trimmed.split(/\s+/);
  const verb = rawVerb.toLowerCase();
  const args = rest.join(' ');
  if (verb === 'connect') {
    const chosen = provider(rest[0]);
    if (typeof chosen !== 'string') return chosen;
    // Credentials belong in the modal; anything typed after the provider may be one.
    if (rest.length > 1) return { kind: 'secret-refused' };
    return { kind: 'connect', provider: chosen };
  }
  if (looksLikeSecret(trimmed)) return { kind: 'secret-refused' };
  switch (verb) {
    case '':
    case 'help':
      return intent({ kind: 'help' });
    case 'import': {
      const chosen = provider(rest[0]);
      if (typeof chosen !== 'string') return chosen;
      return { kind: 'import', provider: chosen, filterText: rest.slice(1).join(' ') };
    }
    case 'status':
      return intent({ kind: 'status' });
    case 'cancel':
      return intent({ kind: 'cancel', runId: rest[0] ?? null });
    case 'history':
      return intent({ kind: 'history' });
    case 'licenses':
    case 'licences':
      return intent({ kind: 'licenses' });
    case 'export':
      return { kind: 'export', runId: rest[0] ?? null };
    case 'admins':
      return parseAdmins(rest);
    case 'companies':
      if (rest[0]?.toLowerCase() === 'add') {
        const name = rest.slice(1).join(' ').trim();
        return name === ''
          ? invalid('give the company name: /psa companies add <name>')
          : intent({ kind: 'companies-add', name });
      }
      return intent({ kind: 'companies-list', query: args });
    default:
      return invalid('unknown command; run /psa help');
  }
}

function parseAdmins(rest: readonly string[]): ParsedCommand {
  const sub = rest[0]?.toLowerCase();
  if (sub === undefined || sub === 'list') return intent({ kind: 'admins-list' });
  if (sub !== 'add' && sub !== 'remove')
    return invalid('use /psa admins, /psa admins add @user or /psa admins remove @user');
  const user = parseUser(rest[1] ?? '');
  if (user === null) return invalid(`mention the user: /psa admins ${sub} @user`);
  if (sub === 'add')
    return intent({
      kind: 'admins-add',
      platform: 'slack',
      userId: user.userId,
      displayName: user.displayName,
    });
  return intent({ kind: 'admins-remove', platform: 'slack', userId: user.userId });
}
