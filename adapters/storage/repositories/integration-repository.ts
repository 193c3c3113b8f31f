import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../src/domain/errors.js';
import type { IntegrationRecord, IntegrationRepository } from '../../../src/ports/storage.js';
import type { Database, IntegrationTable } from '../schema.js';
import { providerSchema, storedColumn } from './row-schemas.js';

function toIntegration(row: Selectable<IntegrationTable>): IntegrationRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    provider: storedColumn(providerSchema, row.provider, `integration ${row.id}`, 'provider'),
    sealedCredentials: row.sealed_credentials,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function integrationRepository(db: Kysely<Database>): IntegrationRepository {
  return {
    async find(tenantId, provider) {
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('provider', '=', provider)
        .executeTakeFirst();
      return row ? toIntegration(row) : null;
    },

    async listForTenant(tenantId) {
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .execute();
      return rows.map(toIntegration);
    },

    async get(id) {
      const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toIntegration(row) : null;
    },

    async upsert(record) {
      const result = await db
        .insertInto('integrations')
        .values({
          id: record.id,
          tenant_id: record.tenantId,
          provider: record.provider,
          sealed_credentials: record.sealedCredentials,
          created_at: record.createdAt,
          updated_at: record.updatedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'provider'])
            .doUpdateSet((eb) => ({
              sealed_credentials: eb.ref('excluded.sealed_credentials'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            // Credentials are sealed with the integration id as associated data: replacing them
            // under another id would leave a row that can never be decrypted.
            .where('integrations.id', '=', record.id),
        )
        .executeTakeFirst();
      if (result.numInsertedOrUpdatedRows === 0n) {
        throw new AppError('internal', { hint: 'the integration exists with another id' });
      }
    },
  };
}
