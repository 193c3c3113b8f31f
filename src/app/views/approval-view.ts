import type { ApprovalPolicy } from '../../domain/chat-identity.js';
import type { LicenceCheck, PlanCounts } from '../../domain/plan-model.js';
import type { AppliedRun, ImportRun } from '../../domain/run.js';
import type { AdminRecord } from '../../ports/storage.js';
import { parseActorKey } from '../access.js';
import type { ApprovalState, ApprovalView, ResultView } from '../views.js';
import { runDecision, runHeader } from './run-header.js';

function approvalState(run: ImportRun): ApprovalState {
  switch (run.status) {
    case 'applied':
      return 'approved';
    case 'rejected':
      return 'rejected';
    case 'expired':
      return 'expired';
    case 'cancelled':
    case 'failed':
      return 'cancelled';
    default:
      return 'pending';
  }
}

/**
 * The approval message. `approvers` only decides who sees buttons (Teams refresh); the rule itself
 * is enforced when a click arrives.
 */
export function buildApprovalView(
  run: ImportRun,
  counts: PlanCounts,
  licences: LicenceCheck,
  admins: readonly AdminRecord[],
  policy: ApprovalPolicy,
): ApprovalView {
  const requester = parseActorKey(run.requesterKey);
  const approvers = admins
    .filter((admin) => admin.platform === requester.platform)
    .filter((admin) => policy === 'self' || admin.userId !== requester.userId)
    .map((admin) => ({ platform: admin.platform, userId: admin.userId }));
  return {
    kind: 'approval',
    run: runHeader(run),
    state: approvalState(run),
    counts,
    licences,
    expiresAt: run.status === 'pending-approval' ? run.approvalExpiresAt : null,
    requester,
    approvers,
    ...runDecision(run),
  };
}

export function buildResultView(run: AppliedRun): ResultView {
  return {
    kind: 'result',
    run: runHeader(run),
    requester: parseActorKey(run.requesterKey),
    approverName: run.approverName,
    result: run.result,
    requestCount: run.requestCount,
    skipped: run.skipped,
  };
}
