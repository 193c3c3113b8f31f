import type { Kysely } from 'kysely';
import type { LicenceRepository } from '../../../src/ports/storage.js';
import type { Database } from '../schema.js';

/** A tenant without a pool row has no licences: total 0, used 0. */
export function licenceRepository(db: Kysely<Database>): LicenceRepository {
  return {
    async get(tenantId) {
      const row = await db
        .selectFrom('licence_pools')
        .select(['total', 'used'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return row ? { total: Number(row.total), used: Number(row.used) } : { total: 0, used: 0 };
    },

    async setTotal(tenantId, total) {
      await db
        .insertInto('licence_pools')
        .values({ tenant_id: tenantId, total, used: 0 })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet((eb) => ({ total: eb.ref('excluded.total') })))
        .execute();
    },

    async addUsed(tenantId, count) {
      // One statement, so concurrent imports never lose an increment.
      await db
        .insertInto('licence_pools')
        .values({ tenant_id: tenantId, total: 0, used: count })
        .onConflict((oc) =>
          oc
            .column('tenant_id')
            .doUpdateSet((eb) => ({ used: eb('licence_pools.used', '+', eb.ref('excluded.used')) })),
        )
        .execute();
    },
  };
}
