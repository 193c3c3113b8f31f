import type { ErrorCode } from '../../domain/errors.js';
import { ERROR_CODES } from '../../domain/errors.js';
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

function asErrorCode(code: string | null): ErrorCode | null {
  return code !== null && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : null;
}

export function runSummary(run: ImportRun, number: number, actions: readonly RunAction[] = []): RunSummary {
  return {
    number,
    runId: run.id,
    provider: run.provider,
    status: run.status,
    version: run.version,
    requesterName: run.requesterName,
    approverName: run.status === 'applied' ? run.approverName : null,
    decidedBy: run.status === 'applied' || run.status === 'rejected' ? run.approverName : null,
    rejectReason: run.status === 'rejected' ? run.rejectReason : null,
    createdAt: run.createdAt,
    result: run.result,
    failureCode: asErrorCode(run.failureCode),
    actions,
  };
}
