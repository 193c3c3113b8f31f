import { describe, expect, it } from 'vitest';
import {
  canTransition,
  FINISHED_STATUSES,
  isFinished,
  RUN_TRANSITIONS,
  type RunStatus,
} from '../../../src/domain/run-status.js';

const STATUSES: readonly RunStatus[] = [
  'fetching',
  'reviewing-companies',
  'fetching-contacts',
  'reviewing-users',
  'pending-approval',
  ...FINISHED_STATUSES,
];

describe('the run statuses', () => {
  it('leave a finished run nowhere to go, and every other status somewhere', () => {
    expect(Object.keys(RUN_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    for (const status of STATUSES) {
      expect(isFinished(status)).toBe(FINISHED_STATUSES.includes(status));
      expect(RUN_TRANSITIONS[status].length === 0).toBe(isFinished(status));
    }
    expect(FINISHED_STATUSES).toEqual(['applied', 'rejected', 'cancelled', 'expired', 'failed']);
  });

  it('allow only the listed transitions', () => {
    expect(canTransition('reviewing-companies', 'pending-approval')).toBe(true);
    expect(canTransition('pending-approval', 'reviewing-users')).toBe(true);
    expect(canTransition('fetching', 'applied')).toBe(false);
    expect(canTransition('applied', 'reviewing-users')).toBe(false);
    // Every run can be stopped until it is finished.
    for (const status of STATUSES.filter((s) => !isFinished(s))) {
      expect(canTransition(status, 'cancelled')).toBe(true);
      expect(canTransition(status, 'expired')).toBe(true);
    }
  });
});
