import { emailKey } from './contact-identity.js';
import type { DecisionOverrides, UserDecision, UserDecisionKind } from './decisions.js';
import type { ManagedUser } from './directory.js';
import { overrideFor } from './override-lookup.js';
import type { ContactRow } from './plan-model.js';

/**
 * Contacts imported before stay granted; a contact whose email is already a user of the target
 * company is mapped to that user. Everyone else is opt-in, since every new user uses a licence.
 */
export function defaultUserDecision(row: ContactRow): UserDecision {
  if (row.ineligible !== null) return { kind: 'skip' };
  if (row.linkedUser !== null) return { kind: 'grant' };
  if (row.sameEmailUser !== null) return { kind: 'map', userId: row.sameEmailUser.id };
  return { kind: 'skip' };
}

export function allowedUserDecisions(row: ContactRow): UserDecisionKind[] {
  if (row.ineligible !== null) return ['skip'];
  const kinds: UserDecisionKind[] = [];
  // A new user with an email a user of the company already has would collide: map instead.
  if (row.linkedUser !== null || row.sameEmailUser === null) kinds.push('grant');
  if (hasTarget(row)) kinds.push('map');
  if (unmapHint(row) === null) kinds.push('unmap-create');
  kinds.push('skip');
  return kinds;
}

/** The admin's override when its kind is still allowed for the row, else the default. */
export function effectiveUserDecision(row: ContactRow, overrides: DecisionOverrides): UserDecision {
  const override = overrideFor(overrides.users, row.contact.psaId);
  if (override === undefined || !allowedUserDecisions(row).includes(override.kind)) {
    return defaultUserDecision(row);
  }
  if (override.kind === 'map' && override.userId === '') return defaultUserDecision(row);
  return override;
}

/** Null when the decision is allowed, else a short hint in our words. */
export function checkUserDecision(
  row: ContactRow,
  decision: UserDecision,
  users: ReadonlyMap<string, ManagedUser>,
): string | null {
  if (row.ineligible !== null && decision.kind !== 'skip') {
    return 'this contact cannot be granted access; it can only be left out';
  }
  switch (decision.kind) {
    case 'grant':
      return row.linkedUser === null && row.sameEmailUser !== null
        ? 'a user with this email already exists in the company; map the contact to it instead'
        : null;
    case 'map': {
      if (!hasTarget(row)) return 'the company is new in this import, so it has no users to map to yet';
      const user = users.get(decision.userId);
      if (user === undefined) return 'there is no such managed user';
      return user.companyId === row.targetCompanyId ? null : 'that user belongs to another managed company';
    }
    case 'unmap-create':
      return unmapHint(row);
    case 'skip':
      return null;
  }
}

function hasTarget(row: ContactRow): boolean {
  return row.targetCompanyId !== undefined && row.targetCompanyId !== null;
}

/** Unmapping makes sense only when the contact's email moved away from the linked user's. */
function unmapHint(row: ContactRow): string | null {
  if (row.linkedUser === null) return 'only a contact imported before can be unmapped';
  if (row.email === null || emailKey(row.email) === emailKey(row.linkedUser.email)) {
    return 'the email has not changed; grant keeps the linked user';
  }
  if (row.sameEmailUser !== null)
    return 'a user with the new email already exists; map the contact to it instead';
  return null;
}
