import { checkUserDecision } from '../../domain/contact-assessment.js';
import type { ContactScope, UserBulkAction } from '../../domain/decisions.js';
import type { ManagedUser } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { Repositories } from '../../ports/storage.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { UserDecisionItem } from '../intents.js';
import { changeRunRows, requireRequester, requireStatus, touchLease } from '../run-guard.js';
import { MAX_BATCH } from './decide-companies.js';

async function guard(deps: AppDeps, repos: Repositories, access: Access, run: ImportRun): Promise<void> {
  requireRequester(run, access);
  requireStatus(run, ['reviewing-users']);
  await touchLease(repos, deps.clock, run, deps.settings.lockTtlMs);
}

/**
 * A Save of N contact decisions, all-or-nothing like the companies'. Returns the run and the PSA
 * company of the first contact, whose page the admin was on.
 */
export async function decideUsers(
  deps: AppDeps,
  access: Access,
  runId: string,
  decisions: readonly UserDecisionItem[],
): Promise<{ run: ImportRun; psaCompanyId: number | null }> {
  if (decisions.length === 0) throw new AppError('invalid_input', { hint: 'no decision was given' });
  if (decisions.length > MAX_BATCH)
    throw new AppError('invalid_input', { hint: `at most ${MAX_BATCH} rows at once` });
  const { run, value } = await changeRunRows(
    deps.storage,
    deps.clock,
    access,
    runId,
    async (repos, current) => {
      await guard(deps, repos, access, current);
      const ids = [...new Set(decisions.map((item) => item.psaContactId))];
      const rows = new Map(
        (await repos.runRows.contactsById(runId, ids)).map((record) => [record.row.contact.psaId, record]),
      );
      const users = new Map<string, ManagedUser>();
      for (const { psaContactId, decision } of decisions) {
        const record = rows.get(psaContactId);
        if (record === undefined)
          throw new AppError('invalid_input', { hint: `PSA contact ${psaContactId} is not in this import` });
        if (decision.kind === 'map' && !users.has(decision.userId)) {
          const user = await repos.users.get(access.tenant.id, decision.userId);
          if (user === null) throw new AppError('unknown_user', { hint: `PSA contact ${psaContactId}` });
          users.set(user.id, user);
        }
        const problem = checkUserDecision(record.row, decision, users);
        if (problem !== null)
          throw new AppError('invalid_input', { hint: `PSA contact ${psaContactId}: ${problem}` });
      }
      for (const { psaContactId, decision } of decisions) {
        await repos.runRows.setUserDecision(runId, psaContactId, decision);
      }
      await audit(
        { repos, clock: deps.clock, ids: deps.ids },
        {
          tenantId: access.tenant.id,
          runId,
          actorKey: access.actorKey,
          action: 'user.decided',
          detail: { decisions: decisions.map((item) => ({ ...item })) },
        },
      );
      const first = decisions[0] === undefined ? undefined : rows.get(decisions[0].psaContactId);
      return { value: first?.row.contact.companyPsaId ?? null };
    },
  );
  return { run, psaCompanyId: value };
}

/** A bulk action is one UPDATE over the contact rows in scope. */
export async function bulkDecideUsers(
  deps: AppDeps,
  access: Access,
  runId: string,
  scope: ContactScope,
  action: UserBulkAction,
): Promise<ImportRun> {
  const { run } = await changeRunRows(deps.storage, deps.clock, access, runId, async (repos, current) => {
    await guard(deps, repos, access, current);
    const changed = await repos.runRows.bulkUsers(runId, scope, action);
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'user.bulk',
        detail: { action, ...scope, changed },
      },
    );
    return { value: null };
  });
  return run;
}
