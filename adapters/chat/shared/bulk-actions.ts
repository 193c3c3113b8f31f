import type { CompanyBulkAction, UserBulkAction } from '../../../src/app/intents.js';

/**
 * The bulk actions every surface offers: the value a button carries (the action itself), the
 * word the terminal types, and the label with its count. The one list; a new action in the core's
 * union fails the build here until it has its words.
 */
export interface BulkActionWords {
  /** Typed in the terminal after `bulk` or `bulk-users`. */
  readonly word: string;
  label(count: string): string;
  /** Label when the count is not known (a contact type narrows a users bulk action). */
  readonly uncounted: string;
}

export const COMPANY_BULK_ACTIONS: Readonly<Record<CompanyBulkAction, BulkActionWords>> = {
  'create-all-unmapped': {
    word: 'create-unmapped',
    label: (n) => `Create all ${n} unmapped`,
    uncounted: 'Create all unmapped',
  },
  'map-all-single-candidates': {
    word: 'map-single',
    label: (n) => `Map all ${n} single-candidate duplicates`,
    uncounted: 'Map all single-candidate duplicates',
  },
  'skip-all': { word: 'skip-all', label: (n) => `Leave all ${n} out`, uncounted: 'Leave all out' },
  reset: { word: 'reset', label: (n) => `Reset ${n} changes`, uncounted: 'Reset to defaults' },
};

export const USER_BULK_ACTIONS: Readonly<Record<UserBulkAction, BulkActionWords>> = {
  'grant-all-eligible': {
    word: 'grant-all',
    label: (n) => `Grant all ${n} eligible`,
    uncounted: 'Grant all eligible',
  },
  'skip-all': { word: 'skip-all', label: (n) => `Leave all ${n} out`, uncounted: 'Leave all out' },
  reset: { word: 'reset', label: (n) => `Reset ${n} changes`, uncounted: 'Reset to defaults' },
};

function byValue<A extends string>(table: Readonly<Record<A, BulkActionWords>>, value: unknown): A | null {
  if (typeof value !== 'string') return null;
  return (Object.keys(table) as A[]).find((action) => action === value) ?? null;
}

function byWord<A extends string>(table: Readonly<Record<A, BulkActionWords>>, word: string): A | null {
  const lower = word.toLowerCase();
  return (Object.keys(table) as A[]).find((action) => table[action].word === lower) ?? null;
}

/** A bulk action from a button value or card data; null for anything else. */
export const companyBulkAction = (value: unknown): CompanyBulkAction | null =>
  byValue(COMPANY_BULK_ACTIONS, value);
export const userBulkAction = (value: unknown): UserBulkAction | null => byValue(USER_BULK_ACTIONS, value);

/** A bulk action from the word typed in the terminal. */
export const companyBulkWord = (word: string): CompanyBulkAction | null => byWord(COMPANY_BULK_ACTIONS, word);
export const userBulkWord = (word: string): UserBulkAction | null => byWord(USER_BULK_ACTIONS, word);

export function companyBulkLabel(action: CompanyBulkAction, count: string): string {
  return COMPANY_BULK_ACTIONS[action].label(count);
}

export function userBulkLabel(action: UserBulkAction, count: string): string {
  return USER_BULK_ACTIONS[action].label(count);
}

/** `create-unmapped|map-single|skip-all|reset`, for usage hints. */
export function bulkWords(table: Readonly<Record<string, BulkActionWords>>): string {
  return Object.values(table)
    .map((words) => words.word)
    .join('|');
}
