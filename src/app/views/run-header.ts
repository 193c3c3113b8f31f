import type { ImportRun } from '../../domain/run.js';
import type { RunAction, RunHeader, RunSummary } from '../views.js';

export function runHeader(run: ImportRun): RunHeader {
  return {
    runId: run.id,
    provider: run.provider,
    status: run.status,
    requesterName: run.requesterName,
    version: run.version,
  };
}

/** Who decided an approval and how: "approved by X", or "rejected by X: <reason>". */
export function runDecision(run: ImportRun): {
  readonly approverName: string | null;
  readonly decidedBy: string | null;
  readonly rejectReason: string | null;
} {
  switch (run.status) {
    case 'applied':
      return { approverName: run.approverName, decidedBy: run.approverName, rejectReason: null };
    case 'rejected':
      return { approverName: null, decidedBy: run.rejecterName, rejectReason: run.rejectReason };
    default:
      return { approverName: null, decidedBy: null, rejectReason: null };
  }
}

export function runSummary(run: ImportRun, number: number, actions: readonly RunAction[] = []): RunSummary {
  return {
    number,
    runId: run.id,
    provider: run.provider,
    status: run.status,
    version: run.version,
    requesterName: run.requesterName,
    ...runDecision(run),
    createdAt: run.createdAt,
    result: run.status === 'applied' ? run.result : null,
    failureCode: run.status === 'failed' ? run.failureCode : null,
    actions,
  };
}
