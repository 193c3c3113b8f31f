import { describe, expect, it } from 'vitest';
import {
  allowedUserDecisions,
  checkUserDecision,
  defaultUserDecision,
  effectiveUserDecision,
} from '../../../src/domain/contact-assessment.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import { ineligibilityText } from '../../../src/domain/ineligibility-text.js';
import { assess, rowOf, users } from './import-scenario.js';

const rows = assess();
const usersById = new Map(users.map((user) => [user.id, user]));
const withUser = (psaId: number, decision: UserDecision) => ({
  companies: { '4': { kind: 'map' as const, companyId: 'm-delta' } },
  users: { [String(psaId)]: decision },
});

describe('user decisions', () => {
  it.each([
    [101, 'linked: keep granting', { kind: 'grant' }, ['grant', 'map', 'skip']],
    [102, 'same-email user: map to it', { kind: 'map', userId: 'u-bob' }, ['map', 'skip']],
    [108, 'new contact: opt-in', { kind: 'skip' }, ['grant', 'map', 'skip']],
    [109, 'link to a deleted user: new again', { kind: 'skip' }, ['grant', 'map', 'skip']],
    [205, 'new contact of a new company', { kind: 'skip' }, ['grant', 'skip']],
    [402, 'linked, email changed', { kind: 'grant' }, ['grant', 'map', 'unmap-create', 'skip']],
    [103, 'ineligible', { kind: 'skip' }, ['skip']],
    [202, 'email repeated', { kind: 'skip' }, ['skip']],
  ])('contact %i (%s): default and allowed', (psaId, _label, expectedDefault, expectedAllowed) => {
    const row = rowOf(rows, psaId);
    expect(defaultUserDecision(row)).toEqual(expectedDefault);
    expect(allowedUserDecisions(row)).toEqual(expectedAllowed);
  });

  it('checks decisions against the row and the directory', () => {
    const check = (psaId: number, decision: UserDecision) =>
      checkUserDecision(rowOf(rows, psaId), decision, usersById);
    expect(check(108, { kind: 'grant' })).toBeNull();
    expect(check(108, { kind: 'map', userId: 'u-bob' })).toBeNull();
    expect(check(402, { kind: 'unmap-create' })).toBeNull();
    expect(check(103, { kind: 'skip' })).toBeNull();
    expect(check(108, { kind: 'map', userId: 'u-dan' })).toBe('that user belongs to another managed company');
    expect(check(108, { kind: 'map', userId: 'u-nobody' })).toBe('there is no such managed user');
    expect(check(205, { kind: 'map', userId: 'u-bob' })).toBe(
      'the company is new in this import, so it has no users to map to yet',
    );
    expect(check(103, { kind: 'grant' })).toBe(
      'this contact cannot be granted access; it can only be left out',
    );
    expect(check(102, { kind: 'grant' })).toBe(
      'a user with this email already exists in the company; map the contact to it instead',
    );
    expect(check(108, { kind: 'unmap-create' })).toBe('only a contact imported before can be unmapped');
    expect(check(101, { kind: 'unmap-create' })).toBe(
      'the email has not changed; grant keeps the linked user',
    );
  });

  it('uses an allowed override, else the default', () => {
    expect(effectiveUserDecision(rowOf(rows, 108), withUser(108, { kind: 'grant' }))).toEqual({
      kind: 'grant',
    });
    expect(effectiveUserDecision(rowOf(rows, 103), withUser(103, { kind: 'grant' }))).toEqual({
      kind: 'skip',
    });
    expect(effectiveUserDecision(rowOf(rows, 102), withUser(102, { kind: 'grant' }))).toEqual({
      kind: 'map',
      userId: 'u-bob',
    });
    expect(effectiveUserDecision(rowOf(rows, 101), withUser(101, { kind: 'skip' }))).toEqual({
      kind: 'skip',
    });
    expect(effectiveUserDecision(rowOf(rows, 101), withUser(101, { kind: 'map', userId: '' }))).toEqual({
      kind: 'grant',
    });
  });
});

describe('ineligibilityText', () => {
  it.each([
    [{ code: 'no-email' } as const, 'No email address'],
    [{ code: 'inactive' } as const, 'Inactive in the PSA'],
    [
      { code: 'email-taken', companyName: 'Other Co' } as const,
      'Email already belongs to a user of "Other Co"',
    ],
    [
      { code: 'email-repeated', otherContactName: 'Ann Lee', otherCompanyName: 'Alpha' } as const,
      'Same email as "Ann Lee" of "Alpha", who comes first',
    ],
  ])('%j', (reason, text) => {
    expect(ineligibilityText(reason)).toBe(text);
  });
});
