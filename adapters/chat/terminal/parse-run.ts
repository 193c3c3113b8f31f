import {
  bulkWords,
  COMPANY_BULK_ACTIONS,
  companyBulkWord,
  USER_BULK_ACTIONS,
  userBulkWord,
} from '../shared/bulk-actions.js';
import { codeForWord, decodeCompanyDecision, decodeUserDecision } from '../shared/decision-codec.js';
import { looksLikeSecret } from '../shared/secret-text.js';
import type { MapChoice, RunCommand, TerminalCommand } from './commands.js';
import { invalid, pageOr, positive, runNumber } from './parse-words.js';

/** The words that work on the open import's lists (the terminal's own, beside `/psa`). */
export const RUN_VERBS: ReadonlySet<string> = new Set([
  'review',
  'decide',
  'bulk',
  'next',
  'back',
  'users',
  'grant',
  'skip',
  'new-user',
  'map-user',
  'bulk-users',
  'page',
  'more',
  'submit',
  'approve',
  'reject',
]);

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
  if (what === 'map') {
    const choice = parseMapChoice(words[2]);
    return choice === null ? invalid(usage) : run({ kind: 'decide-map', row, choice });
  }
  const code = codeForWord(what);
  return decodeCompanyDecision(code) === null ? invalid(usage) : run({ kind: 'decide', row, code });
}

function run(command: RunCommand): TerminalCommand {
  return { kind: 'run', command };
}

/** Words, and the text after the first n of them with its spacing kept (names, reasons). */
function words(text: string): { readonly list: readonly string[]; rest(n: number): string } {
  const matches = [...text.matchAll(/\S+/g)];
  return {
    list: matches.map((match) => match[0]),
    rest: (n) => {
      const start = matches[n]?.index;
      return start === undefined ? '' : text.slice(start).trim();
    },
  };
}

/** Free text a command stores (a reason, a contact type) is refused when it looks like a key. */
function refusedSecret(text: string): TerminalCommand | null {
  return looksLikeSecret(text) ? { kind: 'chat', command: { kind: 'secret-refused' } } : null;
}

/** One line whose first word is in RUN_VERBS. */
export function parseRun(text: string): TerminalCommand {
  const line = words(text);
  const verb = (line.list[0] ?? '').toLowerCase();
  const args = line.list.slice(1);
  switch (verb) {
    case 'review': {
      // `review all`, `review 2 all`: every mapped row too, however long the list.
      const all = args[args.length - 1]?.toLowerCase() === 'all';
      const pageWord = all ? args.slice(0, -1)[0] : args[0];
      if (pageWord === undefined) return run({ kind: 'review', page: null, all });
      return pageOr(pageWord, (page) => run({ kind: 'review', page, all }));
    }
    case 'decide':
      return parseDecide(args);
    case 'bulk': {
      const action = companyBulkWord(args[0] ?? '');
      return action === null
        ? invalid(`bulk ${bulkWords(COMPANY_BULK_ACTIONS)}`)
        : run({ kind: 'bulk', action });
    }
    case 'next':
    case 'back':
      return run({ kind: verb });
    case 'users': {
      if (args[0] === undefined) return run({ kind: 'users', company: null, page: null });
      const company = positive(args[0]);
      const page = args[1] === 'page' ? positive(args[2]) : null;
      if (company === null || (args[1] === 'page' && page === null))
        return invalid('users [company#] [page <n>]');
      return run({ kind: 'users', company, page });
    }
    case 'grant':
    case 'skip':
    case 'new-user': {
      const contacts = args.map(positive).filter((n) => n !== null);
      if (contacts.length === 0 || contacts.length !== args.length)
        return invalid(`${verb} <contact#> [more contact#s]`);
      const code = codeForWord(verb);
      return decodeUserDecision(code) === null
        ? invalid(verb)
        : run({ kind: 'decide-users', contacts, code });
    }
    case 'map-user': {
      const contact = positive(args[0]);
      return contact === null
        ? invalid('map-user <contact#> [user id]')
        : run({ kind: 'map-user', contact, userId: args[1] ?? null });
    }
    case 'bulk-users': {
      const action = userBulkWord(args[0] ?? '');
      if (action === null) return invalid(`bulk-users ${bulkWords(USER_BULK_ACTIONS)} [contact type]`);
      const contactType = line.rest(2);
      return (
        refusedSecret(contactType) ?? run({ kind: 'bulk-users', action, contactType: contactType || null })
      );
    }
    case 'page':
    case 'more':
      return args[0] === undefined
        ? invalid('page <n>')
        : pageOr(args[0], (page) => run({ kind: 'page', page }));
    case 'submit':
      return run({ kind: 'submit' });
    case 'approve': {
      const number = runNumber(args[0]);
      if (args.length > 1 || (args[0] !== undefined && number === null))
        return invalid('approve [import# from /psa status]');
      return run({ kind: 'approve', run: number });
    }
    case 'reject': {
      const number = args.length > 1 ? runNumber(args[0]) : null;
      const reason = line.rest(number === null ? 1 : 2);
      if (reason === '') return invalid('reject [import# from /psa status] <reason>');
      return refusedSecret(reason) ?? run({ kind: 'reject', run: number, reason });
    }
    default:
      return invalid(`unknown command "${verb}"; type /psa help`);
  }
}
