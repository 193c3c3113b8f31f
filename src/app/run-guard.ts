import { AppError } from '../domain/errors.js';
import { hasStatus, type ImportRun, type RunIn } from '../domain/run.js';
import { canTransition, isFinished, type RunStatus } from '../domain/run-status.js';
import type { Clock } from '../ports/clock.js';
import type { Repositories, RunPatch, Storage } from '../ports/storage.js';
import type { Access } from './access.js';

export function leaseKey(integrationId: string): string {
  return `integration:${integrationId}`;
}

/** Loads a run of the actor's tenant; another tenant's run id reads as not found. */
export async function loadRun(repos: Repositories, access: Access, runId: string): Promise<ImportRun> {
  const run = await repos.runs.get(runId);
  if (run === null || run.tenantId !== access.tenant.id) throw new AppError('run_not_found');
  return run;
}

/** Narrows the run to the allowed statuses, or refuses with the words for where it is. */
export function requireStatus<const S extends RunStatus>(
  run: ImportRun,
  allowed: readonly S[],
): asserts run is RunIn<S> {
  if (!hasStatus(run, allowed)) refuseStatus(run);
}

/** The refusal for a run that is not where the action needs it. */
export function refuseStatus(run: ImportRun): never {
  if (run.status === 'expired' && run.submittedAt !== null) throw new AppError('approval_expired');
  if (run.status === 'expired') throw new AppError('lock_lost');
  if (isFinished(run.status)) throw new AppError('run_finished', { hint: run.status });
  throw new AppError('invalid_input', { hint: `this import is ${describeStatus(run.status)} right now` });
}

export function describeStatus(status: RunStatus): string {
  switch (status) {
    case 'fetching':
      return 'fetching companies';
    case 'reviewing-companies':
      return 'at the company review';
    case 'fetching-contacts':
      return 'fetching contacts';
    case 'reviewing-users':
      return 'at the user review';
    case 'pending-approval':
      return 'waiting for approval';
    default:
      return status;
  }
}

/** Only the admin who started an import works on it; everyone else meets the integration lock. */
export function requireRequester(run: ImportRun, access: Access): void {
  if (run.requesterKey !== access.actorKey) throw new AppError('integration_locked');
}

/** Extends the run's integration lock; a run that lost its lock cannot go on. */
export async function touchLease(
  repos: Repositories,
  clock: Clock,
  run: ImportRun,
  ttlMs: number,
): Promise<void> {
  const expiresAt = new Date(clock.now().getTime() + ttlMs).toISOString();
  const held = await repos.leases.renew(leaseKey(run.integrationId), run.id, run.leaseToken, expiresAt);
  if (!held) await refuseLostLock(repos, run.id);
}

/**
 * The refusal for a run whose lock renewal failed. A concurrent action (the other click of a
 * double click, a cancel) may have finished the run and freed its lock since this one read it:
 * that is the answer, not a lost lock.
 */
export async function refuseLostLock(repos: Repositories, runId: string): Promise<never> {
  const fresh = await repos.runs.get(runId);
  if (fresh !== null && isFinished(fresh.status)) refuseStatus(fresh);
  throw new AppError('lock_lost');
}

const MAX_CAS_ATTEMPTS = 5;

/**
 * Read-modify-write of a run with compare-and-set. Concurrent writers (a double click, two
 * replicas) re-read and re-apply `change`, which decides again on the fresh run, so a transition
 * that is no longer allowed throws instead of overwriting someone else's.
 */
export async function mutateRun(
  repos: Repositories,
  clock: Clock,
  runId: string,
  change: (run: ImportRun) => RunPatch | Promise<RunPatch>,
): Promise<ImportRun> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const run = await repos.runs.get(runId);
    if (run === null) throw new AppError('run_not_found');
    const patch = await change(run);
    if (
      patch.status !== undefined &&
      patch.status !== run.status &&
      !canTransition(run.status, patch.status)
    ) {
      refuseStatus(run);
    }
    const updated = await repos.runs.update(run, patch, clock.now().toISOString());
    if (updated !== null) return updated;
  }
  throw new AppError('internal', { hint: 'the import kept changing under us' });
}

/** Someone changed the run between our read and our compare-and-set: the transaction rolls back. */
class RunMoved extends Error {}

/**
 * Changes a run's rows and bumps its version in ONE transaction: `work` checks the run and writes
 * rows, then the run's compare-and-set decides. When another writer got there first, everything
 * rolls back and `work` runs again on the fresh run, so a batch is applied whole or not at all.
 */
export async function changeRunRows<T>(
  storage: Storage,
  clock: Clock,
  access: Access,
  runId: string,
  work: (repos: Repositories, run: ImportRun) => Promise<{ readonly value: T; readonly patch?: RunPatch }>,
): Promise<{ readonly run: ImportRun; readonly value: T }> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    try {
      return await storage.transaction(async (repos) => {
        const run = await loadRun(repos, access, runId);
        const { value, patch = {} } = await work(repos, run);
        if (
          patch.status !== undefined &&
          patch.status !== run.status &&
          !canTransition(run.status, patch.status)
        )
          refuseStatus(run);
        const updated = await repos.runs.update(run, patch, clock.now().toISOString());
        if (updated === null) throw new RunMoved();
        return { run: updated, value };
      });
    } catch (error) {
      if (!(error instanceof RunMoved)) throw error;
    }
  }
  throw new AppError('internal', { hint: 'the import kept changing under us' });
}
