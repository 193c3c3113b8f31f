import type { Kysely } from 'kysely';
import { FINISHED_STATUSES } from '../../../src/domain/run-status.js';
import type { RunRepository } from '../../../src/ports/storage.js';
import type { Database } from '../schema.js';
import { readEach } from './row-schemas.js';
import { patchedRun, patchToRow, runToRow } from './run-row.js';
import { rowToRun } from './run-row-read.js';

export function runRepository(db: Kysely<Database>): RunRepository {
  const openRuns = () =>
    db
      .selectFrom('import_runs')
      .selectAll()
      .where('status', 'not in', [...FINISHED_STATUSES])
      .orderBy('created_at')
      .orderBy('id');

  return {
    async insert(run) {
      await db.insertInto('import_runs').values(runToRow(run)).execute();
    },

    async get(id) {
      const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rowToRun(row) : null;
    },

    async update(current, patch, updatedAt) {
      // One conditional statement: under READ COMMITTED a concurrent writer blocks on the row
      // lock, then re-checks `version` against the committed row and matches nothing. A match
      // means the stored row was exactly `current`, so the result is `current` plus the patch.
      const row = await db
        .updateTable('import_runs')
        .set({ ...patchToRow(patch), updated_at: updatedAt })
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', current.id)
        .where('version', '=', current.version)
        .returning(['version'])
        .executeTakeFirst();
      if (row === undefined) return null;
      return patchedRun(current, patch, Number(row.version), updatedAt);
    },

    async listRecent(tenantId, limit) {
      const rows = await db
        .selectFrom('import_runs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map((row) => rowToRun(row));
    },

    async listOpen(integrationId) {
      return (await openRuns().where('integration_id', '=', integrationId).execute()).map((row) =>
        rowToRun(row),
      );
    },

    async listAllOpen() {
      // Read by the expiry sweep for every tenant: a damaged run is skipped, not the sweep.
      return readEach('import_runs', await openRuns().execute(), (row) => row.id, rowToRun);
    },
  };
}
