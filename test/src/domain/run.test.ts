import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from '../../../src/domain/errors.js';
import type { ApplyResult } from '../../../src/domain/plan-model.js';
import {
  type AppliedRun,
  contactsOf,
  type FetchedContacts,
  hasStatus,
  type ImportRun,
  type PendingApprovalRun,
  type RunContacts,
  type RunIn,
  submittedAtOf,
  toCancelled,
  toExpired,
} from '../../../src/domain/run.js';
import type { RunPatch } from '../../../src/ports/storage.js';
import { run, STATUS_PARTS } from '../../adapters/storage/storage-fixtures.js';

// Checked by `npm run typecheck`: each status carries its own fields, never a nullable stand-in.
describe('the run type', () => {
  it('gives each status exactly its fields', () => {
    expectTypeOf<RunIn<'applied'>['result']>().toEqualTypeOf<ApplyResult>();
    expectTypeOf<RunIn<'applied'>['approverName']>().toEqualTypeOf<string>();
    expectTypeOf<RunIn<'rejected'>['rejectReason']>().toEqualTypeOf<string>();
    expectTypeOf<RunIn<'rejected'>['rejecterName']>().toEqualTypeOf<string>();
    expectTypeOf<RunIn<'failed'>['failureCode']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<RunIn<'pending-approval'>['approvalExpiresAt']>().toEqualTypeOf<string>();
    expectTypeOf<RunIn<'reviewing-users'>['contacts']>().toEqualTypeOf<FetchedContacts>();
    expectTypeOf<RunIn<'pending-approval'>['contacts']>().toEqualTypeOf<RunContacts>();
    expectTypeOf<RunIn<'reviewing-companies'>>().not.toHaveProperty('contacts');
    expectTypeOf<RunIn<'rejected'>>().not.toHaveProperty('approverName');
    expectTypeOf<RunIn<'applied'>>().not.toHaveProperty('rejectReason');
    expectTypeOf<RunIn<'pending-approval' | 'applied'>>().toEqualTypeOf<PendingApprovalRun | AppliedRun>();
  });

  it('makes a transition bring everything its target status holds', () => {
    expectTypeOf<{ requestCount: number }>().toMatchTypeOf<RunPatch>();
    expectTypeOf<{ status: 'reviewing-companies' }>().toMatchTypeOf<RunPatch>();
    expectTypeOf<{ status: 'failed'; failureCode: 'psa_timeout' }>().toMatchTypeOf<RunPatch>();
    // An approval without its result, a rejection without its reason: not a patch.
    expectTypeOf<{
      status: 'applied';
      approverKey: string;
      approverName: string;
    }>().not.toMatchTypeOf<RunPatch>();
    expectTypeOf<{
      status: 'rejected';
      rejecterKey: string;
      rejecterName: string;
    }>().not.toMatchTypeOf<RunPatch>();
    expectTypeOf<{ status: 'failed' }>().not.toMatchTypeOf<RunPatch>();
    expectTypeOf<{ status: 'reviewing-users' }>().not.toMatchTypeOf<RunPatch>();
  });

  it('narrows by status', () => {
    const some: ImportRun = run({}, STATUS_PARTS.applied);
    if (hasStatus(some, ['applied', 'rejected'])) {
      expectTypeOf(some).toEqualTypeOf<RunIn<'applied' | 'rejected'>>();
      expect(some.submittedAt).toBe(STATUS_PARTS.applied.submittedAt);
    } else {
      expect.unreachable('an applied run is applied');
    }
    expect(hasStatus(some, ['pending-approval'])).toBe(false);
  });
});

describe('a stopped run', () => {
  it('keeps what it fetched and whether it was waiting for approval', () => {
    const pending = run({}, STATUS_PARTS['pending-approval']);
    expect(toCancelled(pending)).toEqual({
      status: 'cancelled',
      contacts: STATUS_PARTS['pending-approval'].contacts,
      submittedAt: STATUS_PARTS['pending-approval'].submittedAt,
    });
    expect(toExpired(run({}, STATUS_PARTS['reviewing-users']))).toEqual({
      status: 'expired',
      contacts: STATUS_PARTS['reviewing-users'].contacts,
      submittedAt: null,
    });
    expect(toCancelled(run())).toEqual({
      status: 'cancelled',
      contacts: { kind: 'not-fetched' },
      submittedAt: null,
    });
  });

  it('has fetched no contacts before the users step or after a failed fetch', () => {
    for (const status of ['fetching', 'reviewing-companies', 'fetching-contacts', 'failed'] as const) {
      expect(contactsOf(run({}, STATUS_PARTS[status]))).toEqual({ kind: 'not-fetched' });
      expect(submittedAtOf(run({}, STATUS_PARTS[status]))).toBeNull();
    }
    expect(contactsOf(run({}, STATUS_PARTS['reviewing-users']))).toEqual(
      STATUS_PARTS['reviewing-users'].contacts,
    );
  });
});
