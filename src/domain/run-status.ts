/**
 * The life of one import. Only the transitions in RUN_TRANSITIONS are allowed; every transition is
 * a compare-and-set on `version`, so a double click or a retry finds the run already moved.
 */
export type RunStatus =
  | 'fetching'
  | 'reviewing-companies'
  | 'fetching-contacts'
  | 'reviewing-users'
  | 'pending-approval'
  | 'applied'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'failed';

export const FINISHED_STATUSES: readonly RunStatus[] = [
  'applied',
  'rejected',
  'cancelled',
  'expired',
  'failed',
];

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  fetching: ['reviewing-companies', 'failed', 'cancelled', 'expired'],
  // Submitting from the company review imports companies only (no contacts fetched).
  'reviewing-companies': ['fetching-contacts', 'pending-approval', 'cancelled', 'expired'],
  'fetching-contacts': ['reviewing-users', 'reviewing-companies', 'failed', 'cancelled', 'expired'],
  'reviewing-users': ['pending-approval', 'reviewing-companies', 'fetching-contacts', 'cancelled', 'expired'],
  'pending-approval': ['applied', 'rejected', 'cancelled', 'expired', 'reviewing-users'],
  applied: [],
  rejected: [],
  cancelled: [],
  expired: [],
  failed: [],
};

export function isFinished(status: RunStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}
