import type { ErrorCode } from '../../domain/errors.js';
import { ERROR_CODES } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { RunHeader, RunSummary } from '../views.js';

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

export function runSummary(run: ImportRun): RunSummary {
  return {
    runId: run.id,
    provider: run.provider,
    status: run.status,
    requesterName: run.requesterName,
    approverName: run.approverName,
    createdAt: run.createdAt,
    result: run.result,
    failureCode: asErrorCode(run.failureCode),
  };
}
