import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  TEST_SETTINGS,
} from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 100 };

/** Issue 11, users step: a contact whose email domain is another managed company's gets a note. */
describe.each(storageDialects())('the other-company domain note on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: ['Acme', 'Globex', 'Initech'], licences: 20 });
    Object.assign(h.deps, { settings: { ...TEST_SETTINGS, ownDomains: ['msp.example'] } });
    const ids = new Map(
      (await h.deps.storage.repos.companies.listAll(h.tenantId)).map((c) => [c.name, c.id] as const),
    );
    const id = (name: string): string => ids.get(name) ?? '';
    await h.deps.storage.repos.companyDomains.add(
      h.tenantId,
      [
        { companyId: id('Globex'), domain: 'globex.com', source: 'csv' },
        { companyId: id('Globex'), domain: 'partners.com', source: 'chat' },
        { companyId: id('Initech'), domain: 'partners.com', source: 'csv' },
        // Stored past the commands' own refusal, to show the note ignores them too.
        { companyId: id('Globex'), domain: 'msp.example', source: 'csv' },
        { companyId: id('Globex'), domain: 'gmail.com', source: 'csv' },
      ],
      '2026-01-01T00:00:00.000Z',
    );
    // Acme is known by acme.com through its user's email.
    await h.deps.storage.repos.users.insertMany(h.tenantId, [
      { id: 'u1', companyId: id('Acme'), email: 'ann@acme.com', displayName: 'Ann' },
    ]);
    h.psa.companies = [company(1, 'Acme'), company(2, 'Newco')];
    h.psa.contacts = [
      contact(101, 1, 'bob@globex.com'),
      contact(102, 1, 'carol@acme.com'),
      contact(103, 1, 'dan@gmail.com'),
      contact(104, 1, 'eve@msp.example'),
      contact(105, 1, 'fay@eu.Globex.com'),
      contact(106, 1, 'gil@partners.com'),
      contact(201, 2, 'hal@globex.com'),
    ];
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  async function toUsers(): Promise<string> {
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    expect(review.rows.find((row) => row.psaCompanyId === 1)?.decision.kind).toBe('map');
    expect(review.rows.find((row) => row.psaCompanyId === 2)?.decision.kind).toBe('create');
    const runId = review.run.runId;
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
    return runId;
  }

  async function notes(runId: string, psaCompanyId: number) {
    const view = expectView(
      await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId, paging: PAGE }),
      'users',
    );
    return Object.fromEntries(
      view.contacts.map((c) => [c.psaContactId, { note: c.domainNote, decision: c.decision.kind }]),
    );
  }

  it('notes a domain of another company, never free mail, the MSP or the target’s own, keeping the default', async () => {
    const runId = await toUsers();
    expect(await notes(runId, 1)).toEqual({
      101: { note: 'email domain globex.com belongs to Globex', decision: 'skip' },
      102: { note: null, decision: 'skip' },
      103: { note: null, decision: 'skip' },
      104: { note: null, decision: 'skip' },
      105: { note: 'email domain globex.com belongs to Globex', decision: 'skip' },
      106: { note: 'email domain partners.com belongs to Globex and Initech', decision: 'skip' },
    });
    // A company this import creates has no domain of its own: every known domain is another's.
    expect(await notes(runId, 2)).toEqual({
      201: { note: 'email domain globex.com belongs to Globex', decision: 'skip' },
    });
  });

  it('is stored with the row when the contacts are fetched, not looked up per page', async () => {
    const runId = await toUsers();
    const globex = (await h.deps.storage.repos.companyDomains.listAll(h.tenantId)).filter(
      (d) => d.domain === 'globex.com',
    );
    for (const d of globex)
      await h.deps.storage.repos.companyDomains.remove(h.tenantId, d.companyId, d.domain);
    expect((await notes(runId, 1))[101]?.note).toBe('email domain globex.com belongs to Globex');
    const stored = await db.db
      .selectFrom('run_contacts')
      .select(['psa_contact_id', 'domain_owner'])
      .where('run_id', '=', runId)
      .where('psa_contact_id', '=', 101)
      .executeTakeFirst();
    expect(JSON.parse(String(stored?.domain_owner))).toEqual({
      domain: 'globex.com',
      companyNames: ['Globex'],
    });
  });
});
