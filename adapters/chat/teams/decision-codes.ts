import type { CompanyDecision, UserDecision } from '../../../src/domain/decisions.js';

/**
 * Decisions as the short strings an `Input.ChoiceSet` carries (`create`, `map:<id>`). Ids are
 * generated URL-safe ids, so they never contain the comma a choice value must avoid.
 */

const MAP_PREFIX = 'map:';

export function companyCode(decision: CompanyDecision): string {
  return decision.kind === 'map' ? `${MAP_PREFIX}${decision.companyId}` : decision.kind;
}

export function userCode(decision: UserDecision): string {
  return decision.kind === 'map' ? `${MAP_PREFIX}${decision.userId}` : decision.kind;
}

function mappedId(code: string): string | null {
  if (!code.startsWith(MAP_PREFIX)) return null;
  const id = code.slice(MAP_PREFIX.length);
  return /^[\w-]{1,100}$/.test(id) ? id : null;
}

export function parseCompanyCode(code: string): CompanyDecision | null {
  switch (code) {
    case 'create':
    case 'keep':
    case 'skip':
    case 'unmap-create':
      return { kind: code };
    default: {
      const companyId = mappedId(code);
      return companyId === null ? null : { kind: 'map', companyId };
    }
  }
}

export function parseUserCode(code: string): UserDecision | null {
  switch (code) {
    case 'grant':
    case 'skip':
    case 'unmap-create':
      return { kind: code };
    default: {
      const userId = mappedId(code);
      return userId === null ? null : { kind: 'map', userId };
    }
  }
}
