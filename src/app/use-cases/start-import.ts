import { NO_OVERRIDES } from '../../domain/decisions.js';
import { diffCompanies } from '../../domain/diff.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { Provider } from '../../domain/provider.js';
import type { PsaCompany } from '../../domain/psa-records.js';
import type { ImportRun } from '../../domain/run.js';
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

/**
 * Takes the integration lock, fetches and classifies the PSA companies. The lock comes first so a
 * second admin is turned away at once, before any PSA request is made on their behalf.
 */
export async function startImport(
  deps: AppDeps,
  access: Access,
  provider: Provider,
  filterText: string,
  onProgress: (progress: ProgressView) => void,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  const { integration, session } = await openIntegration(deps, access.tenant.id, provider);
  const runId = deps.ids.next();
  const now = deps.clock.now();

  // The same admin starting again abandons their own open run rather than locking themselves out.
  for (const open of await repos.runs.listOpen(integration.id)) {
    if (open.requesterKey !== access.actorKey) continue;
    const cancelled = await repos.runs.update(open, { status: 'cancelled' }, now.toISOString());
    if (cancelled !== null) await repos.leases.release(leaseKey(integration.id), open.id, open.leaseToken);
  }

  const lease = await repos.leases.acquire(
    leaseKey(integration.id),
    runId,
    new Date(now.getTime() + deps.settings.lockTtlMs).toISOString(),
    now.toISOString(),
  );
  if (lease === null) throw new AppError('integration_locked');
  await expireRunsWithoutLease(deps, integration.id, runId);

  const run: ImportRun = {
    id: runId,
    tenantId: access.tenant.id,
    integrationId: integration.id,
    provider,
    requesterKey: access.actorKey,
    requesterName: access.actor.displayName,
    status: 'fetching',
    version: 0,
    leaseToken: lease.token,
    filter: { typeIds: [], statusIds: [], activeOnly: true },
    review: null,
    contacts: null,
    overrides: NO_OVERRIDES,
    thread: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    submittedAt: null,
    approvalExpiresAt: null,
    approverKey: null,
    approverName: null,
    rejectReason: null,
    result: null,
    requestCount: 0,
    failureCode: null,
  };
  await repos.runs.insert(run);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'run.started',
      detail: { provider, filterText },
    },
  );

  const relay: ProgressListener = (progress) =>
    onProgress({
      kind: 'progress',
      runId,
      provider,
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
    });
  try {
    const filter = parseFilterText(filterText, await session.filterOptions());
    // Gathered whole for now; the PSA hands pages over as they arrive.
    const fetched: PsaCompany[] = [];
    await session.fetchCompanies(filter, relay, async (page) => {
      fetched.push(...page);
    });
    const [links, companies] = await Promise.all([
      repos.companyMap.list(integration.id),
      repos.companies.listAll(access.tenant.id),
    ]);
    const fetchedIds = new Set(fetched.map((company) => company.psaId));
    const missing = links.map((link) => link.psaCompanyId).filter((id) => !fetchedIds.has(id));
    const missingCauses = missing.length === 0 ? new Map() : await session.explainMissing(missing, filter);
    const review = diffCompanies({ fetched, links, companies, missingCauses });
    // Re-read before writing: the chat adapter may have attached the thread meanwhile, and the
    // admin may have cancelled (then the fetched review is dropped).
    return await mutateRun(repos, deps.clock, runId, (current) => {
      requireStatus(current, ['fetching']);
      return { status: 'reviewing-companies', filter, review, requestCount: session.requestCount() };
    });
  } catch (error) {
    await failRun(deps, run, isAppError(error) ? error.code : 'internal', session.requestCount());
    throw error;
  }
}
