import { effectiveCompanyDecision } from '../../domain/company-decisions.js';
import { assessContacts } from '../../domain/contact-assessment.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { PsaContact } from '../../domain/psa-records.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import { openSessionFor } from '../credentials.js';
import type { AppDeps } from '../deps.js';
import { mutateRun, requireRequester, requireStatus, touchLease } from '../run-guard.js';
import type { ProgressView } from '../views.js';

/**
 * Step 5: fetch the contacts of the selected companies and assess them. The run is marked
 * `fetching-contacts` first (compare-and-set), so a double click starts one fetch, not two.
 */
export async function continueToUsers(
  deps: AppDeps,
  access: Access,
  runId: string,
  onProgress: (progress: ProgressView) => void,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  const fetching = await mutateRun(repos, deps.clock, runId, async (run) => {
    requireRequester(run, access);
    requireStatus(run, ['reviewing-companies', 'reviewing-users']);
    await touchLease(repos, deps.clock, run, deps.settings.lockTtlMs);
    return { status: 'fetching-contacts' };
  });
  const integration = await repos.integrations.get(fetching.integrationId);
  if (integration === null) throw new AppError('credentials_required');
  const session = await openSessionFor(deps, integration);
  const selected = (fetching.review?.inPsa ?? [])
    .filter((row) => effectiveCompanyDecision(row, fetching.overrides).kind !== 'skip')
    .map((row) => row.company.psaId);
  try {
    const contacts: PsaContact[] = [];
    if (selected.length > 0) {
      await session.fetchContacts(
        selected,
        (progress) => onProgress({ kind: 'progress', runId, provider: fetching.provider, ...progress }),
        async (page) => {
          contacts.push(...page);
        },
      );
    }
    const [companies, users, contactLinks] = await Promise.all([
      repos.companies.listAll(access.tenant.id),
      repos.users.listAll(access.tenant.id),
      repos.contactMap.list(fetching.integrationId),
    ]);
    const review = fetching.review ?? { inPsa: [], notInPsa: [] };
    const rows = assessContacts({
      contacts,
      review,
      overrides: fetching.overrides,
      companies,
      users,
      contactLinks,
    });
    const updated = await mutateRun(repos, deps.clock, runId, (run) => {
      requireStatus(run, ['fetching-contacts']);
      return {
        status: 'reviewing-users',
        contacts: rows,
        requestCount: run.requestCount + session.requestCount(),
      };
    });
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'contacts.fetched',
        detail: { companies: selected.length, contacts: rows.length },
      },
    );
    return updated;
  } catch (error) {
    // Back to the company review: the admin keeps every decision and can try again.
    await mutateRun(repos, deps.clock, runId, (run) =>
      run.status === 'fetching-contacts'
        ? { status: 'reviewing-companies', requestCount: run.requestCount + session.requestCount() }
        : {},
    );
    if (isAppError(error)) throw error;
    throw new AppError('internal', {}, { cause: error });
  }
}

/** Company decisions change which contacts are in scope, so going back drops the contact list. */
export async function backToCompanies(deps: AppDeps, access: Access, runId: string): Promise<ImportRun> {
  const { repos } = deps.storage;
  return mutateRun(repos, deps.clock, runId, async (run) => {
    requireRequester(run, access);
    requireStatus(run, ['reviewing-users', 'reviewing-companies']);
    await touchLease(repos, deps.clock, run, deps.settings.lockTtlMs);
    return run.status === 'reviewing-companies' ? {} : { status: 'reviewing-companies', contacts: null };
  });
}
