import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRecord, ApiTokenRepository } from '../../../src/ports/directory-api.js';
import type { ApiTokenTable } from '../directory-api-schema.js';
import type { Database } from '../schema.js';

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toRecord(row: Selectable<ApiTokenTable>): ApiTokenRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function apiTokenRepository(db: Kysely<Database>): ApiTokenRepository {
  return {
    async insert(record, token) {
      await db
        .insertInto('api_tokens')
        .values({
          id: record.id,
          tenant_id: record.tenantId,
          name: record.name,
          token_hash: hashOf(token.reveal()),
          created_by: record.createdBy,
          created_at: record.createdAt,
          revoked_at: record.revokedAt,
          last_used_at: record.lastUsedAt,
        })
        .execute();
    },

    async list(tenantId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async findByToken(token) {
      const hash = hashOf(token);
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      // The index finds the row; the constant-time compare is what decides.
      if (row === undefined) return null;
      const stored = Buffer.from(row.token_hash, 'hex');
      const given = Buffer.from(hash, 'hex');
      return stored.length === given.length && timingSafeEqual(stored, given) ? toRecord(row) : null;
    },

    async revoke(tenantId, id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
