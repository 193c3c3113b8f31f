import { describe, expect, it } from 'vitest';
import { createMaintenance } from '../../../src/app/use-cases/maintenance.js';
import type { Logger } from '../../../src/ports/logger.js';
import { run, STATUS_PARTS, seedTenant } from '../../adapters/storage/storage-fixtures.js';
import { coreHarness } from '../../support/core-harness.js';
import { storageDialects, useTestStorage } from '../../support/storage-dialects.js';

interface Line {
  readonly level: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string;
}

function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: string) =>
    (fields: Readonly<Record<string, unknown>>, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Issue 8: one tenant's damaged open run never stops the expiry sweep for the others. */
describe.each(storageDialects())('the expiry sweep over a damaged run on $name', (dialect) => {
  const current = useTestStorage(dialect);

  it('expires the other tenants’ stale runs and logs the damaged one once, with its code and id', async () => {
    const db = current();
    const harness = await coreHarness(db);
    const lines: Line[] = [];
    const maintenance = createMaintenance({ ...harness.deps, logger: recordingLogger(lines) });
    const { repos } = db.storage;
    await seedTenant(repos, 'tenant-2');
    await seedTenant(repos, 'tenant-3');
    // Neither holds its integration's lock, so both are stale; the older one is damaged.
    await repos.runs.insert(
      run({
        id: 'damaged',
        tenantId: 'tenant-2',
        integrationId: 'int-tenant-2',
        createdAt: '2025-01-01T00:00:00.000Z',
      }),
    );
    await repos.runs.insert(
      run(
        { id: 'stale', tenantId: 'tenant-3', integrationId: 'int-tenant-3' },
        STATUS_PARTS['reviewing-users'],
      ),
    );
    await db.db
      .updateTable('import_runs')
      .set({ thread: '{"platform":"irc"}' })
      .where('id', '=', 'damaged')
      .execute();

    expect(await maintenance.expireStale()).toBe(1);
    expect(await maintenance.expireStale()).toBe(0);

    expect((await repos.runs.listRecent('tenant-3', 1))[0]?.status).toBe('expired');
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'damaged record skipped',
      fields: {
        code: 'stored_data_invalid',
        table: 'import_runs',
        id: 'damaged',
        err: { code: 'stored_data_invalid', details: { hint: 'import damaged, field thread' } },
      },
    });
    expect(errors[0]?.fields.err).toMatchObject({ cause: expect.anything() });
    // The damaged run is left as it was, for someone to look at.
    const stored = await db.db
      .selectFrom('import_runs')
      .select(['status', 'version'])
      .where('id', '=', 'damaged')
      .executeTakeFirst();
    expect(stored).toEqual({ status: 'fetching', version: 1 });
  });
});
