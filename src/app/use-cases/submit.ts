import { freeLicences } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import { checkDuplicateCreates } from '../../domain/import-duplicates.js';
import { checkLicences } from '../../domain/licence-check.js';
import { contactsOf, type ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { leaseKey, mutateRun, refuseLostLock, requireRequester, requireStatus } from '../run-guard.js';
import { runTotals } from '../run-rows.js';

/** The refusal names this many same-name groups at most; the admin fixes them and submits again. */
const CONFLICTS_NAMED = 3;

/**
 * Two rows of one import that would become managed companies of the same name need the admin's
 * explicit word on each (a Create they chose on the row, not a default or a bulk action).
 */
async function refuseDuplicateCreates(deps: AppDeps, runId: string): Promise<void> {
  const { creates, decided } = await deps.storage.repos.runRows.duplicateCreates(runId, CONFLICTS_NAMED);
  if (creates.length === 0) return;
  // Unmap-and-create makes a new company too: to the check both are a create.
  const planned = creates.map((entry) => ({ ...entry, decision: { kind: 'create' } as const }));
  const conflicts = checkDuplicateCreates(planned, new Set(decided));
  if (conflicts.length === 0) return;
  throw new AppError('duplicate_creates', { hint: conflicts.map((conflict) => conflict.message).join('; ') });
}

/**
 * Step 6: the requester submits the plan for approval. A plan that needs more licences than are
 * free is refused here, with the numbers, so the admin can grant fewer. The counts come from two
 * aggregate queries over the run's rows.
 */
export async function submitForApproval(deps: AppDeps, access: Access, runId: string): Promise<ImportRun> {
  const { repos } = deps.storage;
  const pool = await repos.licences.get(access.tenant.id);
  const now = deps.clock.now();
  const approvalExpiresAt = new Date(now.getTime() + deps.settings.approvalTtlMs).toISOString();
  let counts: Awaited<ReturnType<typeof runTotals>>['counts'] | null = null;
  const submitted = await mutateRun(repos, deps.clock, runId, async (run) => {
    requireRequester(run, access);
    requireStatus(run, ['reviewing-users', 'reviewing-companies']);
    await refuseDuplicateCreates(deps, run.id);
    const totals = await runTotals(repos, run.id);
    counts = totals.counts;
    const licences = checkLicences(totals, pool);
    if (!licences.enough) {
      throw new AppError('insufficient_licenses', {
        licencesFree: freeLicences(pool),
        licencesNeeded: licences.needed,
      });
    }
    const users = counts.usersGrant + counts.usersKeep + counts.usersMap;
    if (totals.companies.selected === 0 && users === 0) {
      throw new AppError('invalid_input', { hint: 'nothing is selected: pick at least one company' });
    }
    // The lock is held until the approval is decided or expires, so nobody imports in between.
    const held = await repos.leases.renew(
      leaseKey(run.integrationId),
      run.id,
      run.leaseToken,
      approvalExpiresAt,
    );
    if (!held) await refuseLostLock(repos, run.id);
    return {
      status: 'pending-approval',
      // Submitted from the company review, the plan imports companies only.
      contacts: contactsOf(run),
      submittedAt: now.toISOString(),
      approvalExpiresAt,
    };
  });
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'run.submitted',
      detail: { counts },
    },
  );
  return submitted;
}
