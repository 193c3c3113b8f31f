import type { ChatPlatform } from '../../domain/chat-identity.js';
import { freeLicences } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import { PROVIDERS, type Provider } from '../../domain/provider.js';
import type { ImportRun } from '../../domain/run.js';
import { isFinished } from '../../domain/run-status.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import { runSummary } from '../views/run-header.js';
import type { RunAction, View } from '../views.js';

export async function adminsView(deps: AppDeps, access: Access): Promise<View> {
  const admins = await deps.storage.repos.admins.list(access.tenant.id);
  return {
    kind: 'admins',
    admins: admins.map(({ platform, userId, displayName }) => ({ platform, userId, displayName })),
    approvalPolicy: access.tenant.approvalPolicy,
  };
}

export async function addAdmin(
  deps: AppDeps,
  access: Access,
  admin: { platform: ChatPlatform; userId: string; displayName: string },
): Promise<View> {
  const userId = admin.userId.trim();
  if (userId === '' || userId.length > 200)
    throw new AppError('invalid_input', { hint: 'give the admin’s user id' });
  await deps.storage.transaction(async (repos) => {
    await repos.admins.add({
      tenantId: access.tenant.id,
      platform: admin.platform,
      userId,
      displayName: admin.displayName.trim().slice(0, 200) || userId,
      addedBy: access.actorKey,
      addedAt: deps.clock.now().toISOString(),
    });
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId: null,
        actorKey: access.actorKey,
        action: 'admin.added',
        detail: { platform: admin.platform, userId },
      },
    );
  });
  return adminsView(deps, access);
}

export async function removeAdmin(
  deps: AppDeps,
  access: Access,
  platform: ChatPlatform,
  userId: string,
): Promise<View> {
  await deps.storage.transaction(async (repos) => {
    const admins = await repos.admins.list(access.tenant.id);
    if (admins.length <= 1) throw new AppError('invalid_input', { hint: 'the last admin cannot be removed' });
    if (!(await repos.admins.remove(access.tenant.id, platform, userId))) {
      throw new AppError('invalid_input', { hint: 'no such admin' });
    }
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId: null,
        actorKey: access.actorKey,
        action: 'admin.removed',
        detail: { platform, userId },
      },
    );
  });
  return adminsView(deps, access);
}

export async function licencesView(deps: AppDeps, access: Access): Promise<View> {
  const pool = await deps.storage.repos.licences.get(access.tenant.id);
  return { kind: 'licenses', total: pool.total, used: pool.used, free: freeLicences(pool) };
}

export async function statusView(deps: AppDeps, access: Access): Promise<View> {
  const { repos } = deps.storage;
  const integrations: Provider[] = [];
  const open: ImportRun[] = [];
  // One query for all providers: `/psa status` is the most frequent command.
  const connected = await repos.integrations.listForTenant(access.tenant.id);
  for (const provider of PROVIDERS) {
    const integration = connected.find((candidate) => candidate.provider === provider);
    if (integration === undefined) continue;
    integrations.push(provider);
    open.push(...(await repos.runs.listOpen(integration.id)).filter((run) => !isFinished(run.status)));
  }
  return {
    kind: 'status',
    open: open.map((run, index) => runSummary(run, index + 1, actionsFor(run, access))),
    integrations,
  };
}

/** What the asking admin may do to an open run; the same rules are enforced again on the click. */
function actionsFor(run: ImportRun, access: Access): RunAction[] {
  const own = run.requesterKey === access.actorKey;
  const actions: RunAction[] = [];
  if (run.status === 'pending-approval' && (!own || access.tenant.approvalPolicy === 'self')) {
    actions.push('approve', 'reject');
  }
  if (own) actions.push('cancel');
  return actions;
}

export async function historyView(deps: AppDeps, access: Access): Promise<View> {
  const runs = await deps.storage.repos.runs.listRecent(access.tenant.id, 20);
  return { kind: 'history', runs: runs.map((run, index) => runSummary(run, index + 1)) };
}
