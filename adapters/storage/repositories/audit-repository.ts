import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditEntry, AuditRepository } from '../../../src/ports/storage.js';
import type { Database } from '../schema.js';
import { storedJson } from './row-schemas.js';

const detailSchema = z.record(z.string(), z.unknown());

/** Append-only by design: no update or delete here, and database triggers refuse them too. */
export function auditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async append(entry) {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          tenant_id: entry.tenantId,
          run_id: entry.runId,
          actor_key: entry.actorKey,
          action: entry.action,
          detail: JSON.stringify(entry.detail),
          at: entry.at,
        })
        .execute();
    },

    /** Newest first; `runId` null lists the whole tenant. */
    async list(tenantId, runId, limit) {
      let query = db
        .selectFrom('audit_log')
        .select(['id', 'tenant_id', 'run_id', 'actor_key', 'action', 'detail', 'at'])
        .where('tenant_id', '=', tenantId);
      if (runId !== null) query = query.where('run_id', '=', runId);
      const rows = await query
        .orderBy('seq', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(
        (r): AuditEntry => ({
          id: r.id,
          tenantId: r.tenant_id,
          runId: r.run_id,
          actorKey: r.actor_key,
          action: r.action,
          detail: storedJson(detailSchema, r.detail, `audit entry ${r.id}`, 'detail'),
          at: r.at,
        }),
      );
    },
  };
}
