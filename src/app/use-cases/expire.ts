import { type ImportRun, toExpired } from '../../domain/run.js';
import { isFinished } from '../../domain/run-status.js';
import type { Repositories } from '../../ports/storage.js';
import { audit } from '../audit.js';
import type { DamageReport } from '../damage-report.js';
import type { AppDeps } from '../deps.js';
import { leaseKey } from '../run-guard.js';

async function expireRun(deps: AppDeps, repos: Repositories, run: ImportRun, why: string): Promise<boolean> {
  const expired = await repos.runs.update(run, toExpired(run), deps.clock.now().toISOString());
  if (expired === null) return false;
  await repos.leases.release(leaseKey(run.integrationId), run.id, run.leaseToken);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    { tenantId: run.tenantId, runId: run.id, actorKey: 'system', action: 'run.expired', detail: { why } },
  );
  return true;
}

/** Why an open run is over: its approval wait ran out, or it no longer holds its lock. */
async function expiryReason(repos: Repositories, run: ImportRun, now: Date): Promise<string | null> {
  if (isFinished(run.status)) return null;
  if (run.status === 'pending-approval') {
    return new Date(run.approvalExpiresAt) <= now ? 'approval time ran out' : null;
  }
  const lease = await repos.leases.get(leaseKey(run.integrationId));
  if (lease === null || lease.holder !== run.id || lease.token !== run.leaseToken) return 'lock taken over';
  return new Date(lease.expiresAt) <= now ? 'abandoned' : null;
}

/**
 * Expires every open run whose approval or lock ran out. Safe to run on every replica at once. A
 * damaged run is reported and left alone, so the other tenants' runs still expire.
 */
export async function expireStaleRuns(deps: AppDeps, reportDamaged: DamageReport): Promise<number> {
  const { repos } = deps.storage;
  const now = deps.clock.now();
  const open = await repos.runs.listAllOpen();
  reportDamaged(open.damaged);
  let count = 0;
  for (const run of open.records) {
    const reason = await expiryReason(repos, run, now);
    if (reason !== null && (await expireRun(deps, repos, run, reason))) count++;
  }
  return count;
}

/** After a new run took the integration's lock, older open runs of it have lost theirs. */
export async function expireRunsWithoutLease(
  deps: AppDeps,
  integrationId: string,
  holderRunId: string,
): Promise<void> {
  const { repos } = deps.storage;
  for (const run of await repos.runs.listOpen(integrationId)) {
    if (run.id !== holderRunId) await expireRun(deps, repos, run, 'lock taken over');
  }
}

/** Lazily expires one run when someone touches it, so no sweep interval is needed for correctness. */
export async function expireIfStale(deps: AppDeps, run: ImportRun): Promise<ImportRun> {
  const { repos } = deps.storage;
  const reason = await expiryReason(repos, run, deps.clock.now());
  if (reason === null) return run;
  await expireRun(deps, repos, run, reason);
  return (await repos.runs.get(run.id)) ?? run;
}
