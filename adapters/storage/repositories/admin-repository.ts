import type { Kysely, Selectable } from 'kysely';
import type { AdminRecord, AdminRepository } from '../../../src/ports/storage.js';
import type { AdminTable, Database } from '../schema.js';
import { chatPlatformSchema, storedColumn } from './row-schemas.js';

function toAdmin(row: Selectable<AdminTable>): AdminRecord {
  return {
    tenantId: row.tenant_id,
    platform: storedColumn(
      chatPlatformSchema,
      row.platform,
      `admin ${row.user_id} of tenant ${row.tenant_id}`,
      'platform',
    ),
    userId: row.user_id,
    displayName: row.display_name,
    addedBy: row.added_by,
    addedAt: row.added_at,
  };
}

export function adminRepository(db: Kysely<Database>): AdminRepository {
  return {
    async list(tenantId) {
      const rows = await db
        .selectFrom('admins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('added_at')
        .orderBy('platform')
        .orderBy('user_id')
        .execute();
      return rows.map(toAdmin);
    },

    async find(tenantId, platform, userId) {
      const row = await db
        .selectFrom('admins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('platform', '=', platform)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? toAdmin(row) : null;
    },

    async add(admin) {
      await db
        .insertInto('admins')
        .values({
          tenant_id: admin.tenantId,
          platform: admin.platform,
          user_id: admin.userId,
          display_name: admin.displayName,
          added_by: admin.addedBy,
          added_at: admin.addedAt,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'platform', 'user_id']).doNothing())
        .execute();
    },

    async remove(tenantId, platform, userId) {
      const result = await db
        .deleteFrom('admins')
        .where('tenant_id', '=', tenantId)
        .where('platform', '=', platform)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
