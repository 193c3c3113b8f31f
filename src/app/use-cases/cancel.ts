import { AppError } from '../../domain/errors.js';
import { PROVIDERS } from '../../domain/provider.js';
import { type ImportRun, toCancelled } from '../../domain/run.js';
import { isFinished } from '../../domain/run-status.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { leaseKey, loadRun, mutateRun, refuseStatus, requireRequester } from '../run-guard.js';

async function findOwnOpenRun(deps: AppDeps, access: Access): Promise<ImportRun> {
  const { repos } = deps.storage;
  for (const provider of PROVIDERS) {
    const integration = await repos.integrations.find(access.tenant.id, provider);
    if (integration === null) continue;
    const own = (await repos.runs.listOpen(integration.id)).find(
      (run) => run.requesterKey === access.actorKey,
    );
    if (own !== undefined) return own;
  }
  throw new AppError('run_not_found');
}

/** The requester cancels their import at any step before it is applied; the lock is released. */
export async function cancelRun(deps: AppDeps, access: Access, runId: string | null): Promise<ImportRun> {
  const { repos } = deps.storage;
  const target = runId === null ? await findOwnOpenRun(deps, access) : await loadRun(repos, access, runId);
  const cancelled = await mutateRun(repos, deps.clock, target.id, (run) => {
    requireRequester(run, access);
    if (isFinished(run.status)) refuseStatus(run);
    return toCancelled(run);
  });
  await repos.leases.release(leaseKey(cancelled.integrationId), cancelled.id, cancelled.leaseToken);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    { tenantId: access.tenant.id, runId: cancelled.id, actorKey: access.actorKey, action: 'run.cancelled' },
  );
  return cancelled;
}
