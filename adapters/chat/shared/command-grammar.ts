import type { Intent } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import type { ChatPlatform } from '../../../src/domain/chat-identity.js';
import type { ErrorCode, ErrorDetails } from '../../../src/domain/errors.js';
import { isProvider, type Provider, providerWords } from '../../../src/domain/provider.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import type { Logger } from '../../../src/ports/logger.js';
import { parseScheduleWords } from './digest-grammar.js';
import { parseDirectoryApiCommand } from './directory-api-grammar.js';
import { looksLikeSecret } from './secret-text.js';

/**
 * The one `/psa` grammar. Slack's slash command, a Teams message and a terminal line all come
 * here after the surface has taken off its own wrapping (`/psa`, `<at>Bot</at>`), so the same
 * words mean the same on every surface and a typo gets the same answer everywhere.
 *
 * Free text (filters, names, queries, display names, unknown words) is checked for pasted
 * credentials first; run ids and user ids are not free text (a run id is itself a random word).
 */
export type ChatCommand =
  | { readonly kind: 'intent'; readonly intent: Intent }
  /** Needs a private form: a modal, a dialog or hidden prompts. */
  | { readonly kind: 'connect'; readonly provider: Provider }
  /** Needs a thread to post in. */
  | { readonly kind: 'import'; readonly provider: Provider; readonly filterText: string }
  /** `run`: a number from `/psa status`, a run id, or null for the admin's own open import. */
  | { readonly kind: 'cancel'; readonly run: string | null }
  | { readonly kind: 'export'; readonly run: string | null }
  /** Credentials typed into a command: refused; the text is never echoed or logged. */
  | { readonly kind: 'secret-refused' }
  | { readonly kind: 'error'; readonly code: ErrorCode; readonly details: ErrorDetails };

export type ChatCommandKind = ChatCommand['kind'];

/** Who `admins add|remove <word>` names; each surface writes users its own way. */
export type AdminRef = { readonly platform: ChatPlatform; readonly userId: string; readonly name?: string };

export interface GrammarOptions {
  readonly adminRef: (word: string) => AdminRef | null;
  /**
   * Whether this surface renders API tokens and webhook secrets (shown once). Where it does not,
   * `/psa tokens` and `/psa webhooks` are refused before the core creates anything unseen.
   */
  readonly directoryApi?: boolean;
  /**
   * Issue 14: where a change digest set by `/psa schedule` is posted later, in the surface's own
   * format; absent or null where the surface cannot post on its own.
   */
  readonly conversation?: ThreadRef | null;
}

// The error's next step already points at /psa help, so the hint does not repeat it.
export const UNKNOWN_COMMAND_HINT = 'unknown command';

/** The verbs this grammar owns; surfaces with more words of their own check this first. */
export const PSA_VERBS: ReadonlySet<string> = new Set([
  '',
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
  'export',
  'schedule',
  'digest',
]);

/** Filter words `parseFilterText` (src/app/filter-text.ts) understands, checked before any run. */
const FILTER_WORD = /^(?:all|inactive|active|(?:types?|status(?:es)?)=.+)$/i;

interface Words {
  readonly words: readonly string[];
  /** The text from word `n` on, its spacing kept (names and reasons may have double spaces). */
  rest(n: number): string;
}

function split(text: string): Words {
  const matches = [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)];
  return {
    words: matches.map((match) => match[0]),
    rest: (n) => {
      const start = matches[n]?.index;
      return start === undefined ? '' : text.slice(start).trim();
    },
  };
}

export function invalid(hint: string): ChatCommand {
  return { kind: 'error', code: 'invalid_input', details: { hint } };
}

function intent(value: Intent): ChatCommand {
  return { kind: 'intent', intent: value };
}

function provider(word: string | undefined): Provider | ChatCommand {
  const lower = (word ?? '').toLowerCase();
  if (lower === '') return invalid(`name the PSA: ${providerWords(', ')}`);
  return isProvider(lower) ? lower : { kind: 'error', code: 'unknown_provider', details: {} };
}

/** The filter words, checked for shape only; the PSA's own type and status names are checked later. */
function filters(text: string): ChatCommand | null {
  const bad = split(text).words.find((word) => !FILTER_WORD.test(word.replaceAll('"', '')));
  if (bad === undefined) return null;
  return invalid(`unknown filter "${bad.slice(0, 40)}"; use type=…, status=…, inactive or all`);
}

/** The free text a command carries, i.e. all but the words that are ids. */
function freeText(verb: string, line: Words): string {
  switch (verb) {
    case 'cancel':
    case 'export':
      return line.rest(2);
    case 'admins':
      return `${line.words[1] ?? ''} ${line.rest(3)}`;
    // A token's name is free text; ids and webhook addresses are not (a URL path looks random).
    case 'tokens':
      return line.words[1]?.toLowerCase() === 'create' ? line.rest(2) : '';
    case 'webhooks':
      return '';
    default:
      return line.rest(0);
  }
}

/** Parses the text after `/psa`. A refusal never carries any of the text it refuses. */
export function parseChatCommand(text: string, options: GrammarOptions): ChatCommand {
  const line = split(text.trim());
  const verb = (line.words[0] ?? '').toLowerCase();
  const first = line.words[1];
  if (verb === 'connect') {
    const chosen = provider(first);
    if (typeof chosen !== 'string')
      return looksLikeSecret(line.rest(1)) ? { kind: 'secret-refused' } : chosen;
    // Credentials belong in the private form; anything typed after the provider may be one.
    return line.words.length > 2 ? { kind: 'secret-refused' } : { kind: 'connect', provider: chosen };
  }
  if (looksLikeSecret(freeText(verb, line))) return { kind: 'secret-refused' };
  switch (verb) {
    case '':
    case 'help':
      return intent({ kind: 'help' });
    case 'import': {
      const chosen = provider(first);
      if (typeof chosen !== 'string') return chosen;
      const filterText = line.rest(2);
      return filters(filterText) ?? { kind: 'import', provider: chosen, filterText };
    }
    case 'status':
      return intent({ kind: 'status' });
    case 'history':
      return intent({ kind: 'history' });
    case 'licenses':
    case 'licences':
      return intent({ kind: 'licenses' });
    case 'cancel':
    case 'export':
      return { kind: verb, run: first ?? null };
    case 'admins':
      return admins(line, options);
    case 'companies':
      return companies(line);
    case 'tokens':
    case 'webhooks': {
      if (options.directoryApi !== true)
        return invalid('manage API tokens and webhooks in the terminal chat: psa-import shell');
      const parsed = parseDirectoryApiCommand(verb, line.words.slice(1), (from) => line.rest(from + 1));
      return 'usage' in parsed ? invalid(`use ${parsed.usage}`) : intent(parsed);
    }
    case 'schedule':
    case 'digest': {
      const chosen = provider(first);
      if (typeof chosen !== 'string') return chosen;
      if (verb === 'digest')
        return line.words.length > 2
          ? invalid(`use /psa digest <provider>`)
          : intent({ kind: 'digest-now', provider: chosen });
      const parsed = parseScheduleWords(chosen, line.words.slice(2), options.conversation ?? null);
      return 'usage' in parsed ? invalid(`use ${parsed.usage}`) : intent(parsed);
    }
    default:
      return invalid(UNKNOWN_COMMAND_HINT);
  }
}

function companies(line: Words): ChatCommand {
  const sub = line.words[1]?.toLowerCase();
  if (sub === 'add') {
    const name = line.rest(2);
    return name === ''
      ? invalid('give the company name: /psa companies add <name>')
      : intent({ kind: 'companies-add', name });
  }
  if (sub === 'domain') return companyDomain(line);
  const text = line.rest(sub === 'search' ? 2 : 1);
  // `… page <n>` at the end pages the matches, the same words on every surface.
  const paged = /^(.*?)\s*\bpage\s+(\d{1,7})$/i.exec(text);
  if (paged === null) return intent({ kind: 'companies-list', query: text });
  const page = Number(paged[2]);
  if (page < 1) return invalid('use /psa companies [text] page <n>, n from 1');
  return intent({ kind: 'companies-list', query: paged[1] ?? '', page: page - 1 });
}

const DOMAIN_USAGE = 'use /psa companies domain [remove] <company name> <domain>';

/** Issue 11: the company name is every word between the verb and the last word, the domain. */
function companyDomain(line: Words): ChatCommand {
  const remove = line.words[2]?.toLowerCase() === 'remove';
  const from = remove ? 3 : 2;
  const domain = line.words.at(-1);
  if (domain === undefined || line.words.length < from + 2) return invalid(DOMAIN_USAGE);
  const rest = line.rest(from);
  const company = rest
    .slice(0, rest.length - domain.length)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  if (company === '') return invalid(DOMAIN_USAGE);
  return intent({ kind: 'companies-domain', action: remove ? 'remove' : 'add', company, domain });
}

function admins(line: Words, options: GrammarOptions): ChatCommand {
  const sub = line.words[1]?.toLowerCase();
  if (sub === undefined || sub === 'list') return intent({ kind: 'admins-list' });
  if (sub !== 'add' && sub !== 'remove')
    return invalid('use /psa admins, /psa admins add <user> or /psa admins remove <user>');
  const who = options.adminRef(line.words[2] ?? '');
  if (who === null) return invalid(`name the user: /psa admins ${sub} <user>`);
  if (sub === 'remove') return intent({ kind: 'admins-remove', platform: who.platform, userId: who.userId });
  const displayName = line.rest(3) || who.name || who.userId;
  return intent({ kind: 'admins-add', platform: who.platform, userId: who.userId, displayName });
}

/** What every surface answers to credentials typed into a command; it quotes none of them. */
export const SECRET_REFUSED_VIEW = {
  kind: 'notice',
  tone: 'warning',
  text: 'Never type credentials into a command. I ignored that command: nothing was stored or shown. Run /psa connect <provider> and enter them in the private form; if you pasted a real secret, rotate it.',
} as const satisfies View;

/** The refusal, logged with who typed it and never what. */
export function refuseSecret(logger: Logger, userId: string): View {
  logger.warn({ userId }, 'command with a credential refused');
  return SECRET_REFUSED_VIEW;
}
