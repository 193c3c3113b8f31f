import type { ErrorCode } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import { isFinished } from '../../domain/run-status.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { leaseKey } from '../run-guard.js';

/** A fetch that failed ends its run and frees the lock, so the admin can fix the cause and retry. */
export async function failRun(
  deps: AppDeps,
  run: ImportRun,
  code: ErrorCode,
  requestCount: number,
): Promise<void> {
  const { repos } = deps.storage;
  const current = await repos.runs.get(run.id);
  if (current === null || isFinished(current.status)) return;
  const failed = await repos.runs.update(
    current,
    { status: 'failed', failureCode: code, requestCount },
    deps.clock.now().toISOString(),
  );
  if (failed === null) return;
  await repos.leases.release(leaseKey(run.integrationId), run.id, run.leaseToken);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: run.tenantId,
      runId: run.id,
      actorKey: run.requesterKey,
      action: 'run.failed',
      detail: { code },
    },
  );
}
