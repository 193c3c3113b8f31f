import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Intent } from '../../../src/app/intents.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 20 };

/** The counts recounted from the rows, independently of the triggers that keep run_counts. */
async function recount(db: TestStorage, runId: string) {
  const companies = await sql<Record<string, unknown>>`
    select count(*) as total,
      sum(case when decision_kind = 'create' then 1 else 0 end) as creates,
      sum(case when decision_kind = 'skip' then 1 else 0 end) as skips,
      sum(case when decision_kind = 'map' then 1 else 0 end) as maps,
      sum(case when status = 'unmapped' and decision_kind <> 'create' then 1 else 0 end) as offer_create,
      sum(case when decision_kind <> default_kind then 1 else 0 end) as offer_reset
    from run_companies where run_id = ${runId}`.execute(db.db);
  const contacts = await sql<Record<string, unknown>>`
    select count(*) as total,
      sum(case when eligible = 0 then 1 else 0 end) as ineligible,
      sum(case when eligible = 1 and decision_kind = 'skip' then 1 else 0 end) as skips,
      sum(case when eligible = 1 and decision_kind = 'grant' and linked_user_id is null then 1 else 0 end) as grants,
      sum(case when decision_kind <> 'skip' then 1 else 0 end) as not_skipped,
      sum(case when decision_kind <> default_kind then 1 else 0 end) as reset
    from run_contacts where run_id = ${runId}`.execute(db.db);
  const n = (row: Record<string, unknown> | undefined, key: string) => Number(row?.[key] ?? 0);
  const c = companies.rows[0];
  const u = contacts.rows[0];
  return {
    companies: {
      total: n(c, 'total'),
      create: n(c, 'creates'),
      skip: n(c, 'skips'),
      map: n(c, 'maps'),
      offerCreate: n(c, 'offer_create'),
      offerReset: n(c, 'offer_reset'),
    },
    contacts: {
      total: n(u, 'total'),
      ineligible: n(u, 'ineligible'),
      skip: n(u, 'skips'),
      grant: n(u, 'grants'),
      notSkipped: n(u, 'not_skipped'),
      reset: n(u, 'reset'),
    },
  };
}

describe.each(storageDialects())('run counts kept with the rows on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { licences: 10_000 });
    h.psa.companies = Array.from({ length: 30 }, (_, i) => company(i + 1, `Company ${i + 1}`));
    // 40 contacts a company, 1,200 in all: the whole-run bulk decisions change many rows at once.
    h.psa.contacts = h.psa.companies.flatMap((c) =>
      Array.from({ length: 40 }, (_, j) =>
        contact(c.psaId * 100 + j, c.psaId, j === 1 && c.psaId % 3 === 0 ? null : `p${j}@c${c.psaId}.test`),
      ),
    );
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  const kept = async (runId: string) => {
    const { companies, contacts } = await db.storage.repos.runRows.totals(runId);
    return {
      companies: {
        total: companies.total,
        create: companies.counts.companiesCreate,
        skip: companies.counts.companiesSkip,
        map: companies.counts.companiesMap,
        offerCreate: companies.offers['create-all-unmapped'],
        offerReset: companies.offers.reset,
      },
      contacts: {
        total: contacts.total,
        ineligible: contacts.counts.usersIneligible,
        skip: contacts.counts.usersSkip,
        grant: contacts.counts.usersGrant,
        notSkipped: contacts.offers['skip-all'],
        reset: contacts.offers.reset,
      },
    };
  };

  it('matches a recount after inserts, single and bulk decisions, and a contact re-fetch', async () => {
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const runId = review.run.runId;
    const steps: Intent[] = [
      {
        kind: 'decide-companies',
        runId,
        decisions: [
          { psaCompanyId: 1, decision: { kind: 'skip' } },
          { psaCompanyId: 2, decision: { kind: 'skip' } },
        ],
        paging: PAGE,
      },
      { kind: 'bulk-companies', runId, action: 'skip-all', paging: PAGE },
      { kind: 'bulk-companies', runId, action: 'create-all-unmapped', paging: PAGE },
      {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: 3, decision: { kind: 'skip' } }],
        paging: PAGE,
      },
      { kind: 'continue-to-users', runId, paging: PAGE },
      {
        kind: 'bulk-users',
        runId,
        psaCompanyId: 4,
        action: 'grant-all-eligible',
        contactType: null,
        paging: PAGE,
      },
      {
        kind: 'decide-users',
        runId,
        decisions: [{ psaContactId: 501, decision: { kind: 'grant' } }],
        paging: PAGE,
      },
      {
        kind: 'bulk-users',
        runId,
        psaCompanyId: null,
        action: 'grant-all-eligible',
        contactType: null,
        paging: PAGE,
      },
      { kind: 'bulk-users', runId, psaCompanyId: 7, action: 'skip-all', contactType: null, paging: PAGE },
      { kind: 'back-to-companies', runId, paging: PAGE },
      { kind: 'continue-to-users', runId, paging: PAGE },
      { kind: 'bulk-users', runId, psaCompanyId: null, action: 'reset', contactType: null, paging: PAGE },
    ];
    expect(await kept(runId)).toEqual(await recount(db, runId));
    for (const intent of steps) {
      const view = await h.bot.handle(h.alice, intent);
      expect({ step: intent.kind, error: view.kind === 'error' ? view : null }).toEqual({
        step: intent.kind,
        error: null,
      });
      expect({ step: intent.kind, counts: await kept(runId) }).toEqual({
        step: intent.kind,
        counts: await recount(db, runId),
      });
    }
    const granted = await h.bot.handle(h.alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: PAGE,
    });
    expect(expectView(granted, 'users').counts.usersGrant).toBe(29 * 40 - 9);
    const final = await kept(runId);
    expect(final.companies.total).toBe(30);
    expect(final.contacts.total).toBe(29 * 40);
    expect(final.contacts.ineligible).toBe(9);
  });
});
