import { AppError, isAppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import { openSessionFor } from '../credentials.js';
import type { AppDeps } from '../deps.js';
import { changeRunRows, mutateRun, requireRequester, requireStatus, touchLease } from '../run-guard.js';
import type { CarriedUserDecisions, ProgressView } from '../views.js';
import { fetchContactsIntoRows } from './contact-rows.js';

/**
 * Step 5: fetch the contacts of the selected companies and assess them into the run's rows. The
 * run is marked `fetching-contacts` first (compare-and-set), so a double click starts one fetch,
 * not two. Whatever fails after that (the PSA session included) returns the run to the company
 * review with the error, so the admin keeps every company decision and can try again; the user
 * decisions kept by going back wait for that try too, and go only once laid over the new rows.
 */
export async function continueToUsers(
  deps: AppDeps,
  access: Access,
  runId: string,
  onProgress: (progress: ProgressView) => void,
): Promise<{ readonly run: ImportRun; readonly carried: CarriedUserDecisions | null }> {
  const { repos } = deps.storage;
  const fetching = await mutateRun(repos, deps.clock, runId, async (run) => {
    requireRequester(run, access);
    requireStatus(run, ['reviewing-companies', 'reviewing-users']);
    await touchLease(repos, deps.clock, run, deps.settings.lockTtlMs);
    return { status: 'fetching-contacts' };
  });
  let requests = 0;
  try {
    const integration = await repos.integrations.get(fetching.integrationId);
    if (integration === null) throw new AppError('credentials_required');
    const session = await openSessionFor(deps, integration);
    const fetched = await fetchContactsIntoRows(deps, fetching, session, (progress) =>
      onProgress({ kind: 'progress', runId, provider: fetching.provider, ...progress }),
    ).finally(() => {
      requests = session.requestCount();
    });
    const updated = await mutateRun(repos, deps.clock, runId, (run) => {
      requireStatus(run, ['fetching-contacts']);
      return {
        status: 'reviewing-users',
        contacts: { kind: 'fetched', contactTypes: fetched.contactTypes },
        skipped: fetched.skipped,
        requestCount: run.requestCount + requests,
      };
    });
    await repos.keptUserDecisions.drop(runId);
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'contacts.fetched',
        detail: {
          companies: fetched.companies,
          contacts: fetched.contacts,
          skipped: fetched.skipped.contacts,
          userDecisions: { restored: fetched.carried?.kept ?? 0, dropped: fetched.carried?.dropped ?? 0 },
        },
      },
    );
    return { run: updated, carried: fetched.carried };
  } catch (error) {
    await repos.runRows.deleteContacts(runId);
    const back = await mutateRun(repos, deps.clock, runId, (run) =>
      run.status === 'fetching-contacts'
        ? { status: 'reviewing-companies', requestCount: run.requestCount + requests }
        : {},
    );
    const code = isAppError(error) ? error.code : 'internal';
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'contacts.failed',
        detail: { code, status: back.status },
      },
    );
    if (isAppError(error)) throw error;
    throw new AppError('internal', {}, { cause: error });
  }
}

/**
 * Company decisions change which contacts are in scope, so going back drops the contact rows; the
 * user decisions the admin set are kept aside in the same transaction, for the next fetch.
 */
export async function backToCompanies(
  deps: AppDeps,
  access: Access,
  runId: string,
): Promise<{ run: ImportRun; kept: number | null }> {
  const { run, value: kept } = await changeRunRows(
    deps.storage,
    deps.clock,
    access,
    runId,
    async (repos, current) => {
      requireRequester(current, access);
      requireStatus(current, ['reviewing-users', 'reviewing-companies']);
      await touchLease(repos, deps.clock, current, deps.settings.lockTtlMs);
      if (current.status === 'reviewing-companies') return { value: null };
      const userDecisions = await repos.keptUserDecisions.keep(runId);
      await repos.runRows.deleteContacts(runId);
      return { value: userDecisions, patch: { status: 'reviewing-companies' } };
    },
  );
  if (kept !== null) {
    await audit(
      { repos: deps.storage.repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'run.back-to-companies',
        detail: { userDecisionsKept: kept },
      },
    );
  }
  return { run, kept };
}
