import { checkCompanyDecision, effectiveCompanyDecision } from '../../domain/company-decisions.js';
import type { CompanyDecision } from '../../domain/decisions.js';
import { AppError } from '../../domain/errors.js';
import type { ImportRun } from '../../domain/run.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { CompanyBulkAction } from '../intents.js';
import { mutateRun, requireRequester, requireStatus, touchLease } from '../run-guard.js';

async function guard(deps: AppDeps, access: Access, run: ImportRun): Promise<void> {
  requireRequester(run, access);
  requireStatus(run, ['reviewing-companies']);
  await touchLease(deps.storage.repos, deps.clock, run, deps.settings.lockTtlMs);
}

export async function decideCompany(
  deps: AppDeps,
  access: Access,
  runId: string,
  psaCompanyId: number,
  decision: CompanyDecision,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  if (decision.kind === 'map') {
    const target = await repos.companies.get(access.tenant.id, decision.companyId);
    if (target === null) throw new AppError('unknown_company');
  }
  const updated = await mutateRun(repos, deps.clock, runId, async (run) => {
    await guard(deps, access, run);
    const row = run.review?.inPsa.find((candidate) => candidate.company.psaId === psaCompanyId);
    if (row === undefined)
      throw new AppError('invalid_input', { hint: 'that company is not in this import' });
    const problem = checkCompanyDecision(row, decision);
    if (problem !== null) throw new AppError('invalid_input', { hint: problem });
    return {
      overrides: {
        ...run.overrides,
        companies: { ...run.overrides.companies, [String(psaCompanyId)]: decision },
      },
    };
  });
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'company.decided',
      detail: { psaCompanyId, decision },
    },
  );
  return updated;
}

function bulkOverrides(run: ImportRun, action: CompanyBulkAction): Record<string, CompanyDecision> {
  if (action === 'reset') return {};
  const next: Record<string, CompanyDecision> = { ...run.overrides.companies };
  for (const row of run.review?.inPsa ?? []) {
    const key = String(row.company.psaId);
    const only = row.candidates.length === 1 ? row.candidates[0] : undefined;
    if (action === 'skip-all') next[key] = { kind: 'skip' };
    else if (action === 'create-all-unmapped' && row.status === 'unmapped') next[key] = { kind: 'create' };
    else if (
      action === 'map-all-single-candidates' &&
      row.status === 'potential-duplicate' &&
      only !== undefined
    ) {
      next[key] = { kind: 'map', companyId: only.companyId };
    }
  }
  return next;
}

export async function bulkDecideCompanies(
  deps: AppDeps,
  access: Access,
  runId: string,
  action: CompanyBulkAction,
): Promise<ImportRun> {
  const { repos } = deps.storage;
  const updated = await mutateRun(repos, deps.clock, runId, async (run) => {
    await guard(deps, access, run);
    return { overrides: { ...run.overrides, companies: bulkOverrides(run, action) } };
  });
  const selected = (updated.review?.inPsa ?? []).filter(
    (row) => effectiveCompanyDecision(row, updated.overrides).kind !== 'skip',
  ).length;
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId,
      actorKey: access.actorKey,
      action: 'company.bulk',
      detail: { action, selected },
    },
  );
  return updated;
}
