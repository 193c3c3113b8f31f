import { describe, expect, expectTypeOf, it } from 'vitest';
import { refuseStatus, requireStatus } from '../../../src/app/run-guard.js';
import type { ImportRun, PendingApprovalRun, RunIn } from '../../../src/domain/run.js';
import { run, STATUS_PARTS } from '../../adapters/storage/storage-fixtures.js';

function codeOf(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof Error && 'code' in error ? String(error.code) : 'not an AppError';
  }
}

describe('requireStatus', () => {
  it('narrows the run to the allowed statuses, so callers read their fields directly', () => {
    const some: ImportRun = run({}, STATUS_PARTS['pending-approval']);
    requireStatus(some, ['pending-approval']);
    expectTypeOf(some).toEqualTypeOf<PendingApprovalRun>();
    expect(some.approvalExpiresAt).toBe(STATUS_PARTS['pending-approval'].approvalExpiresAt);
    const other: ImportRun = run({}, STATUS_PARTS['reviewing-users']);
    requireStatus(other, ['reviewing-users', 'reviewing-companies']);
    expectTypeOf(other).toEqualTypeOf<RunIn<'reviewing-users' | 'reviewing-companies'>>();
  });

  it('refuses with the words for where the run is', () => {
    const expiredWaiting = run({}, STATUS_PARTS.expired);
    const expiredEarlier = run({}, { ...STATUS_PARTS.expired, submittedAt: null });
    expect(codeOf(() => requireStatus(expiredWaiting, ['pending-approval']))).toBe('approval_expired');
    expect(codeOf(() => requireStatus(expiredEarlier, ['pending-approval']))).toBe('lock_lost');
    expect(codeOf(() => requireStatus(run({}, STATUS_PARTS.applied), ['pending-approval']))).toBe(
      'run_finished',
    );
    expect(codeOf(() => requireStatus(run(), ['pending-approval']))).toBe('invalid_input');
    expect(codeOf(() => refuseStatus(run({}, STATUS_PARTS['reviewing-users'])))).toBe('invalid_input');
    expect(codeOf(() => requireStatus(run(), ['fetching']))).toBeNull();
  });
});
