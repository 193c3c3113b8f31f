import { checkLicences } from '../../domain/licence-check.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import type { AppDeps } from '../deps.js';
import type { Paging } from '../intents.js';
import { describeStatus } from '../run-guard.js';
import { runTotals } from '../run-rows.js';
import type { ApprovalView, ReviewView, UsersView, View } from '../views.js';
import { buildApprovalView, buildResultView } from './approval-view.js';
import { buildReviewView } from './review-view.js';
import { buildUsersView } from './users-view.js';

export async function reviewView(deps: AppDeps, run: ImportRun, paging: Paging): Promise<ReviewView> {
  return buildReviewView(deps.storage.repos, run, paging);
}

export async function usersView(
  deps: AppDeps,
  run: ImportRun,
  psaCompanyId: number | null,
  paging: Paging,
): Promise<UsersView> {
  return buildUsersView(deps.storage.repos, run, psaCompanyId, paging);
}

export async function approvalView(deps: AppDeps, access: Access, run: ImportRun): Promise<ApprovalView> {
  const { repos } = deps.storage;
  const [totals, pool, admins] = await Promise.all([
    runTotals(repos, run.id),
    repos.licences.get(run.tenantId),
    repos.admins.list(run.tenantId),
  ]);
  return buildApprovalView(
    run,
    totals.counts,
    checkLicences(totals, pool),
    admins,
    access.tenant.approvalPolicy,
  );
}

/** The view that fits the run's current state: what a refresh, a stale click or `status` shows. */
export async function viewOfRun(
  deps: AppDeps,
  access: Access,
  run: ImportRun,
  paging: Paging,
): Promise<View> {
  switch (run.status) {
    case 'reviewing-companies':
      return reviewView(deps, run, paging);
    case 'reviewing-users':
      return usersView(deps, run, null, paging);
    case 'pending-approval':
    case 'rejected':
      return approvalView(deps, access, run);
    case 'applied':
      return buildResultView(run);
    case 'failed':
      return { kind: 'error', code: run.failureCode, details: {} };
    case 'cancelled':
    case 'expired':
      if (run.submittedAt !== null) return approvalView(deps, access, run);
      return { kind: 'notice', tone: 'info', text: `This import was ${run.status}.` };
    case 'fetching':
    case 'fetching-contacts':
      return { kind: 'notice', tone: 'info', text: `This import is ${describeStatus(run.status)}.` };
  }
}
