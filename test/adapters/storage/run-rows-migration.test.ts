import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../adapters/storage/migrator.js';
import { initialSchema } from '../../../migrations/0001-initial-schema.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { T0 } from './storage-fixtures.js';

const company = (psaId: number, name: string) => ({
  psaId,
  name,
  typeNames: ['Client'],
  statusName: 'Active',
  active: true,
  updatedAt: null,
});

/** What a run looked like under 0001: the review, the contacts and the overrides as JSON. */
const REVIEW = {
  inPsa: [
    { company: company(2, 'Zeta'), status: 'unmapped', mappedTo: null, candidates: [], lastImportedAt: null },
    {
      company: company(1, 'Acme, Inc.'),
      status: 'potential-duplicate',
      mappedTo: null,
      candidates: [{ companyId: 'c1', companyName: 'ACME Inc', reason: 'same as "ACME Inc"' }],
      lastImportedAt: null,
    },
  ],
  notInPsa: [
    {
      psaCompanyId: 9,
      managedCompanyId: 'c9',
      managedCompanyName: 'Gone Ltd',
      lastImportedAt: T0,
      cause: 'deleted',
      reason: 'deleted in the PSA (recycle bin)',
    },
  ],
};
const CONTACTS = [
  {
    contact: {
      psaId: 5,
      companyPsaId: 1,
      firstName: 'Zoë',
      lastName: "O'Hara",
      emails: ['zoe@x.test'],
      active: true,
      typeNames: ['Primary'],
    },
    companyName: 'Acme, Inc.',
    email: 'zoe@x.test',
    linkedUser: null,
    sameEmailUser: null,
    ineligible: null,
    targetCompanyId: 'c1',
  },
  {
    contact: {
      psaId: 6,
      companyPsaId: 1,
      firstName: 'No',
      lastName: 'Mail',
      emails: [],
      active: true,
      typeNames: [],
    },
    companyName: 'Acme, Inc.',
    email: null,
    linkedUser: null,
    sameEmailUser: null,
    ineligible: { code: 'no-email' },
    targetCompanyId: 'c1',
  },
];
const OVERRIDES = { companies: { '2': { kind: 'skip' } }, users: { '5': { kind: 'grant' } } };

// biome-ignore lint/suspicious/noExplicitAny: the test writes rows of the 0001 schema.
async function seed0001(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('tenants')
    .values({ id: 't', name: 'MSP', approval_policy: 'second-admin', created_at: T0 })
    .execute();
  await db
    .insertInto('integrations')
    .values({
      id: 'i',
      tenant_id: 't',
      provider: 'connectwise',
      sealed_credentials: 'x',
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  await db
    .insertInto('import_runs')
    .values({
      id: 'run-old',
      tenant_id: 't',
      integration_id: 'i',
      provider: 'connectwise',
      requester_key: 'terminal:alice',
      requester_name: 'Alice',
      status: 'reviewing-users',
      version: 4,
      lease_token: 1,
      filter: JSON.stringify({ typeIds: ['1'], statusIds: [], activeOnly: true }),
      review: JSON.stringify(REVIEW),
      contacts: JSON.stringify(CONTACTS),
      overrides: JSON.stringify(OVERRIDES),
      thread: null,
      created_at: T0,
      updated_at: T0,
      submitted_at: null,
      approval_expires_at: null,
      approver_key: null,
      approver_name: null,
      reject_reason: null,
      result: null,
      request_count: 3,
      failure_code: null,
    })
    .execute();
}

describe.each(storageDialects())('0002 carries 0001-era runs into rows on $name', (dialect) => {
  let opened: TestStorage | undefined;
  afterEach(async () => {
    await opened?.close();
  });

  it('moves the review, the contacts and the decisions into rows and drops the snapshots', async () => {
    opened = await dialect.open({ migrate: false });
    const { db } = opened;
    expect(await migrateToLatest(db, { '0001-initial-schema': initialSchema })).toEqual([
      '0001-initial-schema',
    ]);
    await seed0001(db);
    // Every later migration runs over the 0001 data, in order.
    const later = Object.keys(MIGRATIONS).slice(1);
    expect(later.slice(0, 3)).toEqual(['0002-run-rows', '0003-refold-company-names', '0004-directory-api']);
    expect(await migrateToLatest(db, MIGRATIONS)).toEqual(later);

    const repos = opened.storage.repos;
    const run = await repos.runs.get('run-old');
    expect(run).toMatchObject({
      status: 'reviewing-users',
      version: 4,
      contacts: { kind: 'fetched', contactTypes: ['Primary'] },
    });
    const page = await repos.runRows.companyPage('run-old', 0, 10);
    // The snapshot's order is kept: Zeta (unmapped) first.
    expect(
      page.map((record) => [record.row.company.psaId, record.decision.kind, record.defaultDecision.kind]),
    ).toEqual([
      [2, 'skip', 'create'],
      [1, 'map', 'map'],
    ]);
    expect(page[1]?.row.candidates[0]?.companyName).toBe('ACME Inc');
    expect((await repos.runRows.missing('run-old')).map((row) => row.managedCompanyName)).toEqual([
      'Gone Ltd',
    ]);
    const contacts = await repos.runRows.contactPage(
      'run-old',
      { psaCompanyId: 1, contactType: null },
      0,
      10,
    );
    expect(contacts.map((record) => [record.row.contact.psaId, record.decision.kind])).toEqual([
      [5, 'grant'],
      [6, 'skip'],
    ]);
    expect(contacts[1]?.row.ineligible).toEqual({ code: 'no-email' });
    const totals = await repos.runRows.contactTotals('run-old', { psaCompanyId: null, contactType: null });
    expect(totals.counts).toMatchObject({ usersGrant: 1, usersIneligible: 1 });
    // 0005 counted the carried-over run once; the kept counts agree with the rows.
    const kept = await repos.runRows.totals('run-old');
    expect(kept.contacts).toEqual(totals);
    expect(kept.companies).toMatchObject({
      total: 2,
      unmapped: 1,
      counts: { companiesSkip: 1, companiesMap: 1 },
    });

    const columns = (await db.introspection.getTables()).find(
      (table) => table.name === 'import_runs',
    )?.columns;
    expect(columns?.map((column) => column.name)).not.toContain('review');
    expect(columns?.map((column) => column.name)).not.toContain('overrides');
    await sql`select 1`.execute(db);
  });
});
