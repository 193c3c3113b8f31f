import { checkUserDecision, effectiveUserDecision } from '../../domain/contact-assessment.js';
import type { UserDecision } from '../../domain/decisions.js';
import type { ManagedUser } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { UserBulkAction } from '../intents.js';
import { mutateRun, requireRequester, requireStatus, touchLease } from '../run-guard.js';
import { contactsInScope } from '../views/users-view.js';

async function guard(deps: AppDeps, access: Access, run: ImportRun): Promise<void> {
  requireRequester(run, access);
  requireStatus(run, ['reviewing-users']);
  await touchLease(deps.storage.repos, deps.clock, run, deps.settings.lockTtlMs);
}

export async function decideUser(
  deps: AppDeps,
  access: Access,
  runId: string,
  psaContactId: number,
  decision: UserDecision,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  const users = new Map<string, ManagedUser>();
  if (decision.kind === 'map') {
    const user = await repos.users.get(access.tenant.id, decision.userId);
    if (user === null) throw new AppError('unknown_user');
    users.set(user.id, user);
  }
  const updated = await mutateRun(repos, deps.clock, runId, async (run) => {
    await guard(deps, access, run);
    const row = run.contacts?.find((candidate) => candidate.contact.psaId === psaContactId);
    if (row === undefined)
      throw new AppError('invalid_input', { hint: 'that contact is not in this import' });
    const problem = checkUserDecision(row, decision, users);
    if (problem !== null) throw new AppError('invalid_input', { hint: problem });
    return {
      overrides: { ...run.overrides, users: { ...run.overrides.users, [String(psaContactId)]: decision } },
    };
  });
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'user.decided',
      detail: { psaContactId, decision },
    },
  );
  return updated;
}

export async function bulkDecideUsers(
  deps: AppDeps,
  access: Access,
  runId: string,
  scope: { psaCompanyId: number | null; contactType: string | null },
  action: UserBulkAction,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  let changed = 0;
  const updated = await mutateRun(repos, deps.clock, runId, async (run) => {
    await guard(deps, access, run);
    const next: Record<string, UserDecision> = { ...run.overrides.users };
    changed = 0;
    for (const row of contactsInScope(run, scope.psaCompanyId, scope.contactType)) {
      const key = String(row.contact.psaId);
      if (action === 'reset') {
        if (next[key] !== undefined) changed++;
        delete next[key];
      } else if (action === 'skip-all') {
        next[key] = { kind: 'skip' };
        changed++;
      } else if (row.ineligible === null && effectiveUserDecision(row, run.overrides).kind === 'skip') {
        next[key] =
          row.sameEmailUser !== null ? { kind: 'map', userId: row.sameEmailUser.id } : { kind: 'grant' };
        changed++;
      }
    }
    return { overrides: { ...run.overrides, users: next } };
  });
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
  return updated;
}
