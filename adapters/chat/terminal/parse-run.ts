import type { CompanyBulkAction, UserBulkAction } from '../../../src/app/intents.js';
import type { MapChoice, RunCommand, TerminalCommand } from './commands.js';
import { invalid, pageOr, positive } from './parse-words.js';

const COMPANY_BULK: Readonly<Record<string, CompanyBulkAction>> = {
  'create-unmapped': 'create-all-unmapped',
  'map-single': 'map-all-single-candidates',
  'skip-all': 'skip-all',
  reset: 'reset',
};

const USER_BULK: Readonly<Record<string, UserBulkAction>> = {
  'grant-all': 'grant-all-eligible',
  'skip-all': 'skip-all',
  reset: 'reset',
};

function parseMapChoice(word: string | undefined): MapChoice | null {
  if (word === undefined) return null;
  const listed = word.startsWith('@') ? positive(word.slice(1)) : null;
  if (listed !== null) return { kind: 'listed', n: listed };
  const n = positive(word);
  return n === null ? { kind: 'id', id: word } : { kind: 'number', n };
}

function parseDecide(words: readonly string[]): TerminalCommand {
  const row = positive(words[0]);
  const what = words[1]?.toLowerCase();
  const usage = 'decide <row#> create|skip|keep|unmap|map <candidate#|@company#|company id>';
  if (row === null || what === undefined) return invalid(usage);
  if (what === 'create' || what === 'skip' || what === 'keep' || what === 'unmap') {
    return { kind: 'run', command: { kind: 'decide', row, decision: what } };
  }
  if (what === 'map') {
    const choice = parseMapChoice(words[2]);
    return choice === null ? invalid(usage) : { kind: 'run', command: { kind: 'decide-map', row, choice } };
  }
  return invalid(usage);
}

function parseNumbers(words: readonly string[]): number[] | null {
  const numbers = words.map(positive);
  return numbers.length > 0 && numbers.every((n) => n !== null) ? (numbers as number[]) : null;
}

/** `rest(n)`: the line after the verb and its first n words. */
export function parseRun(
  verb: string,
  words: readonly string[],
  rest: (from: number) => string,
): TerminalCommand {
  const run = (command: RunCommand): TerminalCommand => ({ kind: 'run', command });
  switch (verb) {
    case 'review':
      return words[0] === undefined
        ? run({ kind: 'review', page: null })
        : pageOr(words[0], (page) => run({ kind: 'review', page }));
    case 'decide':
      return parseDecide(words);
    case 'bulk': {
      const action = COMPANY_BULK[words[0] ?? ''];
      return action === undefined
        ? invalid('bulk create-unmapped|map-single|skip-all|reset')
        : run({ kind: 'bulk', action });
    }
    case 'next':
      return run({ kind: 'next' });
    case 'back':
      return run({ kind: 'back' });
    case 'users': {
      if (words[0] === undefined) return run({ kind: 'users', company: null, page: null });
      const company = positive(words[0]);
      const page = words[1] === 'page' ? positive(words[2]) : null;
      if (company === null || (words[1] === 'page' && page === null))
        return invalid('users [company#] [page <n>]');
      return run({ kind: 'users', company, page });
    }
    case 'grant':
    case 'skip':
    case 'new-user': {
      const contacts = parseNumbers(words);
      return contacts === null
        ? invalid(`${verb} <contact#> [more contact#s]`)
        : run({ kind: 'decide-users', contacts, decision: verb });
    }
    case 'map-user': {
      const contact = positive(words[0]);
      return contact === null
        ? invalid('map-user <contact#> [user id]')
        : run({ kind: 'map-user', contact, userId: words[1] ?? null });
    }
    case 'bulk-users': {
      const action = USER_BULK[words[0] ?? ''];
      if (action === undefined) return invalid('bulk-users grant-all|skip-all|reset [contact type]');
      const contactType = rest(1);
      return run({ kind: 'bulk-users', action, contactType: contactType === '' ? null : contactType });
    }
    case 'page':
    case 'more':
      return words[0] === undefined
        ? invalid('page <n>')
        : pageOr(words[0], (page) => run({ kind: 'page', page }));
    case 'submit':
      return run({ kind: 'submit' });
    case 'approve':
      return run({ kind: 'approve' });
    case 'reject': {
      const reason = rest(0);
      return reason === '' ? invalid('reject <reason>') : run({ kind: 'reject', reason });
    }
    case 'export':
      return run({ kind: 'export' });
    default:
      return invalid(`unknown command "${verb}"; type /psa help`);
  }
}
