import { AppError, isAppError } from '../../domain/errors.js';
import type { Provider } from '../../domain/provider.js';
import { type ImportRun, toCancelled } from '../../domain/run.js';
import { NO_SKIPPED } from '../../domain/skipped-records.js';
import type { ThreadRef } from '../../domain/thread-ref.js';
import type { ProgressListener } from '../../ports/psa-gateway.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import { openIntegration } from '../credentials.js';
import type { AppDeps } from '../deps.js';
import { parseFilterText } from '../filter-text.js';
import { leaseKey, mutateRun, requireStatus } from '../run-guard.js';
import type { ProgressView } from '../views.js';
import { expireRunsWithoutLease } from './expire.js';
import { failRun } from './fail-run.js';
import { fetchCompaniesIntoRows } from './fetch-companies.js';

export interface ImportIo {
  readonly onProgress: (progress: ProgressView) => void;
  readonly openThread: (() => Promise<ThreadRef>) | null;
}

/**
 * Everything that can refuse an import is checked before anything changes: the lock held by
 * someone else (before any PSA request on their behalf), the actor's own import waiting for
 * approval, and the filter (a typo creates no run). Only then is the actor's own unsubmitted
 * import cancelled, the lock taken, the thread opened and the run stored.
 */
export async function startImport(
  deps: AppDeps,
  access: Access,
  provider: Provider,
  filterText: string,
  io: ImportIo,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  const { integration, session } = await openIntegration(deps, access.tenant.id, provider);
  const key = leaseKey(integration.id);
  const open = await repos.runs.listOpen(integration.id);
  const own = open.filter((run) => run.requesterKey === access.actorKey);
  const now = deps.clock.now();
  const lease = await repos.leases.get(key);
  const heldByOther =
    lease !== null &&
    lease.holder !== '' &&
    new Date(lease.expiresAt) > now &&
    !own.some((run) => run.id === lease.holder);
  if (heldByOther) throw new AppError('integration_locked');
  if (own.some((run) => run.status === 'pending-approval')) throw new AppError('import_pending_approval');

  const filter = parseFilterText(filterText, await session.filterOptions());

  // The same admin starting again abandons their own unsubmitted run rather than lock themselves out.
  for (const mine of own) {
    const cancelled = await repos.runs.update(mine, toCancelled(mine), now.toISOString());
    if (cancelled === null) continue;
    await repos.leases.release(key, mine.id, mine.leaseToken);
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId: mine.id,
        actorKey: access.actorKey,
        action: 'run.cancelled',
        detail: { why: 'replaced by a new import' },
      },
    );
  }

  const runId = deps.ids.next();
  const taken = await repos.leases.acquire(
    key,
    runId,
    new Date(now.getTime() + deps.settings.lockTtlMs).toISOString(),
    now.toISOString(),
  );
  if (taken === null) throw new AppError('integration_locked');
  await expireRunsWithoutLease(deps, integration.id, runId);

  let thread: ThreadRef | null = null;
  try {
    thread = io.openThread === null ? null : await io.openThread();
  } catch (error) {
    // Nowhere to show the import: give the lock back rather than hold it unseen.
    await repos.leases.release(key, runId, taken.token);
    throw error;
  }

  const run: ImportRun = {
    id: runId,
    tenantId: access.tenant.id,
    integrationId: integration.id,
    provider,
    requesterKey: access.actorKey,
    requesterName: access.actor.displayName,
    status: 'fetching',
    version: 0,
    leaseToken: taken.token,
    filter,
    thread,
    skipped: NO_SKIPPED,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    requestCount: 0,
  };
  await repos.runs.insert(run);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'run.started',
      // The parsed filter, never the raw text the admin typed.
      detail: { provider, filter },
    },
  );

  const relay: ProgressListener = (progress) =>
    io.onProgress({
      kind: 'progress',
      runId,
      provider,
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
    });
  try {
    const { skipped } = await fetchCompaniesIntoRows(deps, run, session, relay);
    // The admin may have cancelled meanwhile: then the fetched rows are simply never shown.
    const reviewing = await mutateRun(repos, deps.clock, runId, (current) => {
      requireStatus(current, ['fetching']);
      return { status: 'reviewing-companies', skipped, requestCount: session.requestCount() };
    });
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'companies.fetched',
        detail: { skipped: skipped.companies, requests: reviewing.requestCount },
      },
    );
    return reviewing;
  } catch (error) {
    await failRun(deps, run, isAppError(error) ? error.code : 'internal', session.requestCount());
    throw error;
  }
}
