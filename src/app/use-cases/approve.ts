import { AppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import { isFinished } from '../../domain/run-status.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { leaseKey, loadRun, mutateRun, refuseStatus, requireStatus } from '../run-guard.js';
import { applyRun } from './apply-plan.js';
import { recordRejectionEvents } from './directory-events.js';
import { expireIfStale } from './expire.js';

/** The policy is checked here, at the moment of the click, never by hiding buttons. */
function requireMayApprove(run: ImportRun, access: Access): void {
  if (access.tenant.approvalPolicy === 'second-admin' && run.requesterKey === access.actorKey) {
    throw new AppError('cannot_approve_own');
  }
}

/**
 * The approver acts on what they saw: a click carrying an older version of the run (it was
 * changed, resubmitted or decided since) is refused on every surface.
 */
function requireVersion(run: ImportRun, version: number): void {
  if (run.version !== version) throw new AppError('stale_view');
}

/**
 * The answer for a click whose claim found the run moved on (PostgreSQL: another transaction
 * committed since this one read it): what finished it (applied, rejected, cancelled, expired),
 * else the approver no longer looks at the current version.
 */
function refuseMoved(fresh: ImportRun | null): never {
  if (fresh === null) throw new AppError('run_not_found');
  if (isFinished(fresh.status)) refuseStatus(fresh);
  throw new AppError('stale_view');
}

/**
 * Approve and apply in ONE transaction: the status change to `applied`, every directory write and
 * the lock release commit together or not at all. The status change is a compare-and-set that
 * comes first, so of fifty simultaneous clicks exactly one applies (on PostgreSQL the others wait
 * on the row lock and then find the version moved; SQLite runs transactions one at a time).
 */
export async function approveRun(
  deps: AppDeps,
  access: Access,
  runId: string,
  version: number,
): Promise<ImportRun> {
  const before = await expireIfStale(deps, await loadRun(deps.storage.repos, access, runId));
  requireStatus(before, ['pending-approval']);
  requireMayApprove(before, access);
  requireVersion(before, version);
  return deps.storage.transaction(async (repos) => {
    const run = await repos.runs.get(runId);
    if (run === null) throw new AppError('run_not_found');
    requireStatus(run, ['pending-approval']);
    requireVersion(run, version);
    const now = deps.clock.now().toISOString();
    // The claim bumps the version alone: the run becomes `applied` with its result, below. It
    // comes before the lock check: a click that read the run just before another one applied it
    // (and freed the lock) then meets the moved version, "already applied", not a lost lock.
    const claimed = await repos.runs.update(run, {}, now);
    if (claimed === null) refuseMoved(await repos.runs.get(runId));
    const lease = await repos.leases.get(leaseKey(run.integrationId));
    // Fencing: only the run that still holds the integration's lock with its token may write (a
    // refusal here rolls the claim back with everything else).
    if (lease === null || lease.holder !== run.id || lease.token !== run.leaseToken)
      throw new AppError('lock_lost');
    const result = await applyRun(deps, repos, run, deps.settings.applyChunkSize);
    const finished = await repos.runs.update(
      claimed,
      {
        status: 'applied',
        contacts: run.contacts,
        submittedAt: run.submittedAt,
        approverKey: access.actorKey,
        approverName: access.actor.displayName,
        result,
      },
      now,
    );
    if (finished === null) throw new AppError('internal', { hint: 'run changed during apply' });
    await repos.leases.release(leaseKey(run.integrationId), run.id, run.leaseToken);
    const ctx = { repos, clock: deps.clock, ids: deps.ids };
    await audit(ctx, { tenantId: run.tenantId, runId, actorKey: access.actorKey, action: 'run.approved' });
    await audit(ctx, {
      tenantId: run.tenantId,
      runId,
      actorKey: access.actorKey,
      action: 'run.applied',
      detail: { ...result, errors: result.errors.length },
    });
    return finished;
  });
}

export async function rejectRun(
  deps: AppDeps,
  access: Access,
  runId: string,
  version: number,
  reason: string,
): Promise<ImportRun> {
  const trimmed = reason.trim().slice(0, 500);
  if (trimmed === '') throw new AppError('invalid_input', { hint: 'a rejection needs a reason' });
  const { repos } = deps.storage;
  await expireIfStale(deps, await loadRun(repos, access, runId));
  const rejected = await mutateRun(repos, deps.clock, runId, (run) => {
    requireStatus(run, ['pending-approval']);
    requireMayApprove(run, access);
    requireVersion(run, version);
    return {
      status: 'rejected',
      contacts: run.contacts,
      submittedAt: run.submittedAt,
      rejecterKey: access.actorKey,
      rejecterName: access.actor.displayName,
      rejectReason: trimmed,
    };
  });
  // The compare-and-set wrote exactly the rejection above; this only tells the type so.
  requireStatus(rejected, ['rejected']);
  await repos.leases.release(leaseKey(rejected.integrationId), rejected.id, rejected.leaseToken);
  await recordRejectionEvents(repos, rejected, deps.clock.now().toISOString(), deps.ids);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'run.rejected',
      detail: { reason: trimmed },
    },
  );
  return rejected;
}
