import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { seedTenant, T0 } from './storage-fixtures.js';

const entry = (id: string, runId: string | null, action: string): AuditEntry => ({
  id,
  tenantId: 'tenant-1',
  runId,
  actorKey: 'slack:U1',
  action,
  detail: { companies: 3, names: ['Acme & Co'], nested: { ok: true } },
  at: T0,
});

describe.each(storageDialects())('audit log on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos);
    await seedTenant(repos, 'tenant-2');
    for (const [id, runId, action] of [
      ['e1', 'run-1', 'run.started'],
      ['e2', null, 'admin.added'],
      ['e3', 'run-1', 'run.submitted'],
      ['e4', 'run-2', 'run.started'],
    ] as const) {
      await repos.audit.append(entry(id, runId, action));
    }
    await repos.audit.append({ ...entry('e5', null, 'other'), tenantId: 'tenant-2' });
  });

  it('lists a run or the whole tenant, newest first even within the same instant', async () => {
    expect((await repos.audit.list('tenant-1', 'run-1', 10)).map((e) => e.id)).toEqual(['e3', 'e1']);
    expect((await repos.audit.list('tenant-1', null, 10)).map((e) => e.id)).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect((await repos.audit.list('tenant-1', null, 2)).map((e) => e.id)).toEqual(['e4', 'e3']);
    expect(await repos.audit.list('tenant-1', null, 1)).toEqual([entry('e4', 'run-2', 'run.started')]);
  });

  it('refuses to update or delete an entry, in the database itself', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(opened.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where id = 'e1'`.execute(opened.db)).rejects.toThrow(
      /append-only/,
    );
    if (dialect.name === 'postgres') {
      await expect(sql`truncate audit_log`.execute(opened.db)).rejects.toThrow(/append-only/);
    }
    expect((await repos.audit.list('tenant-1', null, 10)).map((e) => e.action)).toContain('run.started');
    expect(await repos.audit.list('tenant-1', null, 10)).toHaveLength(4);
  });
});
