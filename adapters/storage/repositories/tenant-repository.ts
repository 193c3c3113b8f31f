import type { Kysely, Selectable } from 'kysely';
import type { ChatPlatform } from '../../../src/domain/chat-identity.js';
import { AppError } from '../../../src/domain/errors.js';
import type { Tenant, TenantRepository } from '../../../src/ports/storage.js';
import type { Database, TenantTable } from '../schema.js';
import { approvalPolicySchema, storedColumn } from './row-schemas.js';

function toTenant(row: Selectable<TenantTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    approvalPolicy: storedColumn(
      approvalPolicySchema,
      row.approval_policy,
      `tenant ${row.id}`,
      'approval_policy',
    ),
    createdAt: row.created_at,
  };
}

export function tenantRepository(db: Kysely<Database>): TenantRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTenant(row) : null;
    },

    async findByWorkspace(platform: ChatPlatform, workspaceId: string) {
      const row = await db
        .selectFrom('tenant_workspaces as w')
        .innerJoin('tenants as t', 't.id', 'w.tenant_id')
        .selectAll('t')
        .where('w.platform', '=', platform)
        .where('w.workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return row ? toTenant(row) : null;
    },

    async insert(tenant) {
      await db
        .insertInto('tenants')
        .values({
          id: tenant.id,
          name: tenant.name,
          approval_policy: tenant.approvalPolicy,
          created_at: tenant.createdAt,
        })
        .execute();
    },

    async linkWorkspace(tenantId, platform, workspaceId) {
      await db
        .insertInto('tenant_workspaces')
        .values({ tenant_id: tenantId, platform, workspace_id: workspaceId })
        .onConflict((oc) => oc.columns(['platform', 'workspace_id']).doNothing())
        .execute();
      const linked = await db
        .selectFrom('tenant_workspaces')
        .select('tenant_id')
        .where('platform', '=', platform)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      // Idempotent for the same tenant; silently moving a workspace would hand it to another MSP.
      if (linked.tenant_id !== tenantId) {
        throw new AppError('invalid_input', { hint: 'this workspace already belongs to another tenant' });
      }
    },

    async setApprovalPolicy(tenantId, policy) {
      await db.updateTable('tenants').set({ approval_policy: policy }).where('id', '=', tenantId).execute();
    },
  };
}
