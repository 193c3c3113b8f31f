import { diffCompanies } from '../../domain/diff.js';
import { AppError } from '../../domain/errors.js';
import type { Provider } from '../../domain/provider.js';
import type { PsaCompany } from '../../domain/psa-records.js';
import type { PsaCredentials } from '../../ports/psa-gateway.js';
import type { Tenant } from '../../ports/storage.js';
import { audit } from '../audit.js';
import type { BootstrapInput, DiffLine, Maintenance, WorkspaceRef } from '../bot-api.js';
import { openIntegration } from '../credentials.js';
import { damageReporter } from '../damage-report.js';
import type { AppDeps } from '../deps.js';
import { parseFilterText } from '../filter-text.js';
import { connectIntegration } from './connect.js';
import { expireStaleRuns } from './expire.js';
import { importManagedCompanies } from './import-companies.js';
import { addManagedCompanies } from './managed-companies.js';

const OPERATOR = 'operator';

async function tenantOf(deps: AppDeps, workspace: WorkspaceRef): Promise<Tenant> {
  const tenant = await deps.storage.repos.tenants.findByWorkspace(workspace.platform, workspace.workspaceId);
  if (tenant === null)
    throw new AppError('invalid_input', {
      hint: `no tenant for ${workspace.platform}:${workspace.workspaceId}`,
    });
  return tenant;
}

async function bootstrap(deps: AppDeps, input: BootstrapInput): Promise<{ tenantId: string }> {
  return deps.storage.transaction(async (repos) => {
    const now = deps.clock.now().toISOString();
    let tenant = await repos.tenants.findByWorkspace(input.platform, input.workspaceId);
    if (tenant === null) {
      tenant = {
        id: deps.ids.next(),
        name: input.tenantName,
        approvalPolicy: deps.settings.defaultApprovalPolicy,
        createdAt: now,
      };
      await repos.tenants.insert(tenant);
      await repos.tenants.linkWorkspace(tenant.id, input.platform, input.workspaceId);
      if (input.licences !== undefined) await repos.licences.setTotal(tenant.id, input.licences);
    }
    for (const admin of input.admins) {
      if ((await repos.admins.find(tenant.id, input.platform, admin.userId)) !== null) continue;
      await repos.admins.add({
        tenantId: tenant.id,
        platform: input.platform,
        ...admin,
        addedBy: OPERATOR,
        addedAt: now,
      });
      await audit(
        { repos, clock: deps.clock, ids: deps.ids },
        {
          tenantId: tenant.id,
          runId: null,
          actorKey: OPERATOR,
          action: 'admin.bootstrapped',
          detail: { userId: admin.userId },
        },
      );
    }
    return { tenantId: tenant.id };
  });
}

async function previewDiff(
  deps: AppDeps,
  workspace: WorkspaceRef,
  provider: Provider,
  filterText: string,
): Promise<DiffLine[]> {
  const tenant = await tenantOf(deps, workspace);
  const { integration, session } = await openIntegration(deps, tenant.id, provider);
  const filter = parseFilterText(filterText, await session.filterOptions());
  const fetched: PsaCompany[] = [];
  await session.fetchCompanies(
    filter,
    () => {},
    async (page) => {
      fetched.push(...page);
    },
  );
  const { repos } = deps.storage;
  const [links, companies] = await Promise.all([
    repos.companyMap.list(integration.id),
    repos.companies.listAll(tenant.id),
  ]);
  const fetchedIds = new Set(fetched.map((company) => company.psaId));
  const missing = links.map((link) => link.psaCompanyId).filter((id) => !fetchedIds.has(id));
  const missingCauses = missing.length === 0 ? new Map() : await session.explainMissing(missing, filter);
  const review = diffCompanies({ fetched, links, companies, missingCauses });
  return [
    ...review.inPsa.map((row) => ({
      psaCompanyId: row.company.psaId,
      name: row.company.name,
      status: row.status,
      reason:
        row.status === 'mapped'
          ? `mapped to "${row.mappedTo?.name ?? ''}"`
          : row.candidates.map((candidate) => candidate.reason).join('; '),
      candidates: row.candidates.map((c) => ({ id: c.companyId, name: c.companyName, reason: c.reason })),
      typeNames: row.company.typeNames,
      active: row.company.active,
      lastImportedAt: row.lastImportedAt,
    })),
    ...review.notInPsa.map((row) => ({
      psaCompanyId: row.psaCompanyId,
      name: row.managedCompanyName,
      status: 'not-in-psa' as const,
      reason: row.reason,
      candidates: [],
      typeNames: [],
      active: null,
      lastImportedAt: row.lastImportedAt,
    })),
  ];
}

export function createMaintenance(deps: AppDeps): Maintenance {
  const reportDamaged = damageReporter(deps.logger);
  return {
    bootstrap: (input) => bootstrap(deps, input),
    expireStale: () => expireStaleRuns(deps, reportDamaged),
    previewDiff: (workspace, provider, filterText) => previewDiff(deps, workspace, provider, filterText),
    async connect(workspace: WorkspaceRef, provider: Provider, credentials: PsaCredentials): Promise<void> {
      const tenant = await tenantOf(deps, workspace);
      await connectIntegration(deps, tenant.id, OPERATOR, provider, credentials);
    },
    async addCompanies(workspace, names) {
      const tenant = await tenantOf(deps, workspace);
      return addManagedCompanies(deps, tenant.id, OPERATOR, names);
    },
    async importCompanies(workspace, rows) {
      const tenant = await tenantOf(deps, workspace);
      return importManagedCompanies(deps, tenant.id, OPERATOR, rows);
    },
  };
}
