import { checkLicences } from '../../domain/licence-check.js';
import { buildPlan } from '../../domain/plan.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import type { AppDeps } from '../deps.js';
import type { Paging } from '../intents.js';
import { describeStatus } from '../run-guard.js';
import type { ApprovalView, ReviewView, UsersView, View } from '../views.js';
import { buildApprovalView, buildResultView } from './approval-view.js';
import { buildReviewView } from './review-view.js';
import { runSummary } from './run-header.js';
import { buildUsersView } from './users-view.js';

/** Names of companies picked by search (not among a row's candidates), for the review labels. */
async function pickedCompanyNames(deps: AppDeps, run: ImportRun): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const decision of Object.values(run.overrides.companies)) {
    if (decision.kind !== 'map' || names.has(decision.companyId)) continue;
    const company = await deps.storage.repos.companies.get(run.tenantId, decision.companyId);
    if (company !== null) names.set(company.id, company.name);
  }
  return names;
}

export async function reviewView(deps: AppDeps, run: ImportRun, paging: Paging): Promise<ReviewView> {
  return buildReviewView(run, paging, await pickedCompanyNames(deps, run));
}

export async function usersView(
  deps: AppDeps,
  run: ImportRun,
  psaCompanyId: number | null,
  paging: Paging,
): Promise<UsersView> {
  const plan = buildPlan(run.review ?? { inPsa: [], notInPsa: [] }, run.contacts, run.overrides);
  const pool = await deps.storage.repos.licences.get(run.tenantId);
  return buildUsersView(run, psaCompanyId, paging, plan, checkLicences(plan, pool));
}

export async function approvalView(deps: AppDeps, access: Access, run: ImportRun): Promise<ApprovalView> {
  const plan = buildPlan(run.review ?? { inPsa: [], notInPsa: [] }, run.contacts, run.overrides);
  const [pool, admins] = await Promise.all([
    deps.storage.repos.licences.get(run.tenantId),
    deps.storage.repos.admins.list(run.tenantId),
  ]);
  return buildApprovalView(run, plan, checkLicences(plan, pool), admins, access.tenant.approvalPolicy);
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
      return buildResultView(run) ?? approvalView(deps, access, run);
    case 'failed': {
      const summary = runSummary(run);
      return { kind: 'error', code: summary.failureCode ?? 'internal', details: {} };
    }
    case 'cancelled':
    case 'expired':
      if (run.submittedAt !== null) return approvalView(deps, access, run);
      return { kind: 'notice', tone: 'info', text: `This import was ${run.status}.` };
    case 'fetching':
    case 'fetching-contacts':
      return { kind: 'notice', tone: 'info', text: `This import is ${describeStatus(run.status)}.` };
  }
}
