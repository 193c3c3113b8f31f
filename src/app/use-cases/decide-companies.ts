import { checkCompanyDecision } from '../../domain/company-decisions.js';
import type { CompanyBulkAction } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { Repositories } from '../../ports/storage.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { CompanyDecisionItem } from '../intents.js';
import { changeRunRows, requireRequester, requireStatus, touchLease } from '../run-guard.js';

async function guard(deps: AppDeps, repos: Repositories, access: Access, run: ImportRun): Promise<void> {
  requireRequester(run, access);
  requireStatus(run, ['reviewing-companies']);
  await touchLease(repos, deps.clock, run, deps.settings.lockTtlMs);
}

/** At most this many rows in one Save; more is not a click but a bulk action. */
export const MAX_BATCH = 500;

function checkBatchSize(size: number): void {
  if (size === 0) throw new AppError('invalid_input', { hint: 'no decision was given' });
  if (size > MAX_BATCH) throw new AppError('invalid_input', { hint: `at most ${MAX_BATCH} rows at once` });
}

/**
 * A Save of N company decisions: every row is checked, then all are written with the run's
 * compare-and-set in one transaction. One invalid row refuses the whole batch, naming the row.
 */
export async function decideCompanies(
  deps: AppDeps,
  access: Access,
  runId: string,
  decisions: readonly CompanyDecisionItem[],
): Promise<ImportRun> {
  checkBatchSize(decisions.length);
  const { run } = await changeRunRows(deps.storage, deps.clock, access, runId, async (repos, current) => {
    await guard(deps, repos, access, current);
    const ids = [...new Set(decisions.map((item) => item.psaCompanyId))];
    const rows = new Map(
      (await repos.runRows.companiesById(runId, ids)).map((record) => [record.row.company.psaId, record]),
    );
    const known = new Set<string>();
    for (const { psaCompanyId, decision } of decisions) {
      const record = rows.get(psaCompanyId);
      if (record === undefined)
        throw new AppError('invalid_input', { hint: `PSA company ${psaCompanyId} is not in this import` });
      const problem = checkCompanyDecision(record.row, decision);
      if (problem !== null)
        throw new AppError('invalid_input', { hint: `PSA company ${psaCompanyId}: ${problem}` });
      if (decision.kind === 'map' && !known.has(decision.companyId)) {
        if ((await repos.companies.get(access.tenant.id, decision.companyId)) === null)
          throw new AppError('unknown_company', { hint: `PSA company ${psaCompanyId}` });
        known.add(decision.companyId);
      }
    }
    for (const { psaCompanyId, decision } of decisions) {
      await repos.runRows.setCompanyDecision(runId, psaCompanyId, decision);
    }
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'company.decided',
        detail: { decisions: decisions.map((item) => ({ ...item })) },
      },
    );
    return { value: null };
  });
  return run;
}

/** A bulk action is one UPDATE over the run's company rows. */
export async function bulkDecideCompanies(
  deps: AppDeps,
  access: Access,
  runId: string,
  action: CompanyBulkAction,
): Promise<ImportRun> {
  const { run } = await changeRunRows(deps.storage, deps.clock, access, runId, async (repos, current) => {
    await guard(deps, repos, access, current);
    const changed = await repos.runRows.bulkCompanies(runId, action);
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId,
        actorKey: access.actorKey,
        action: 'company.bulk',
        detail: { action, changed },
      },
    );
    return { value: null };
  });
  return run;
}
