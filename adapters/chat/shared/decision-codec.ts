import type { CompanyDecision, UserDecision } from '../../../src/domain/decisions.js';

/**
 * A row decision as a short string, the one encoding for Slack option values, Teams choice values
 * and the decisions the terminal sends: `create`, `skip`, or `map:<managed id>`. Ids are generated
 * URL-safe ids, so they never hold the comma a Teams choice value must avoid.
 */

const MAP_PREFIX = 'map:';
const ID = /^[\w-]{1,100}$/;

const COMPANY_SIMPLE: ReadonlyMap<string, CompanyDecision> = new Map(
  (['create', 'keep', 'skip', 'unmap-create'] as const).map((kind) => [kind, { kind }]),
);
const USER_SIMPLE: ReadonlyMap<string, UserDecision> = new Map(
  (['grant', 'skip', 'unmap-create'] as const).map((kind) => [kind, { kind }]),
);

export function encodeCompanyDecision(decision: CompanyDecision): string {
  return decision.kind === 'map' ? `${MAP_PREFIX}${decision.companyId}` : decision.kind;
}

export function encodeUserDecision(decision: UserDecision): string {
  return decision.kind === 'map' ? `${MAP_PREFIX}${decision.userId}` : decision.kind;
}

function mappedId(code: string): string | null {
  if (!code.startsWith(MAP_PREFIX)) return null;
  const id = code.slice(MAP_PREFIX.length);
  return ID.test(id) ? id : null;
}

export function decodeCompanyDecision(code: string): CompanyDecision | null {
  const simple = COMPANY_SIMPLE.get(code);
  if (simple !== undefined) return simple;
  const companyId = mappedId(code);
  return companyId === null ? null : { kind: 'map', companyId };
}

export function decodeUserDecision(code: string): UserDecision | null {
  const simple = USER_SIMPLE.get(code);
  if (simple !== undefined) return simple;
  const userId = mappedId(code);
  return userId === null ? null : { kind: 'map', userId };
}

/** `map` with a managed company id (a typeahead pick), as a code. */
export function mapCode(id: string): string {
  return `${MAP_PREFIX}${id}`;
}

/** Shorter words the terminal takes for the same codes (`decide 3 unmap`, `new-user 4`). */
const WORD_CODES: Readonly<Record<string, string>> = { unmap: 'unmap-create', 'new-user': 'unmap-create' };

export function codeForWord(word: string): string {
  const lower = word.toLowerCase();
  return WORD_CODES[lower] ?? lower;
}
