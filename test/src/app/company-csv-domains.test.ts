import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importManagedCompanies } from '../../../src/app/use-cases/import-companies.js';
import { company } from '../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  TEST_SETTINGS,
} from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

/** Issue 11: the CSV import's `domain` column, checked as `/psa companies domain` checks it. */
describe.each(storageDialects())('CSV import with domains on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: ['Initech'], licences: 10 });
    Object.assign(h.deps, { settings: { ...TEST_SETTINGS, ownDomains: ['msp.example'] } });
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  const importRows = (rows: { name: string; domains: string[] }[]) =>
    importManagedCompanies(h.deps, h.tenantId, 'operator', rows);

  async function domainsByName(): Promise<Record<string, string[]>> {
    const companies = await h.deps.storage.repos.companies.listAll(h.tenantId);
    const stored = await h.deps.storage.repos.companyDomains.listAll(h.tenantId);
    return Object.fromEntries(
      companies.map((c) => [c.name, stored.filter((d) => d.companyId === c.id).map((d) => d.domain)]),
    );
  }

  it('stores each row’s domains normalised, from csv, audited one by one', async () => {
    const result = await importRows([
      { name: 'Acme Widgets', domains: ['https://www.Acme.com/about', 'acme.de', 'ACME.com'] },
      { name: 'Globex', domains: [] },
    ]);
    expect(result).toEqual({ added: 2, existingNames: [null, null], domainProblems: [null, null] });
    expect(await domainsByName()).toEqual({
      'Acme Widgets': ['acme.com', 'acme.de'],
      Globex: [],
      Initech: [],
    });
    expect(
      new Set((await h.deps.storage.repos.companyDomains.listAll(h.tenantId)).map((d) => d.source)),
    ).toEqual(new Set(['csv']));
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'companies.domain-added')
      .execute();
    expect(audit.map((row) => JSON.parse(String(row.detail)).domain).sort()).toEqual(['acme.com', 'acme.de']);
  });

  it('does not add a row with a bad, free-mail or MSP domain, and adds the others', async () => {
    const result = await importRows([
      { name: 'Acme Widgets', domains: ['acme.com'] },
      { name: 'Bad Co', domains: ['bad.co', 'not a domain'] },
      { name: 'Free Co', domains: ['GMAIL.com'] },
      { name: 'Own Co', domains: ['mail.msp.example'] },
      { name: 'Initech', domains: ['initech.com'] },
    ]);
    expect(result).toEqual({
      added: 1,
      existingNames: [null, null, null, null, 'Initech'],
      domainProblems: [
        null,
        { domain: 'not a domain', hint: 'give a domain such as acme.com' },
        { domain: 'GMAIL.com', hint: 'a free-mail domain never identifies a client' },
        { domain: 'mail.msp.example', hint: "the MSP's own domains (MSP_OWN_DOMAINS) never count" },
        null,
      ],
    });
    // A refused row leaves nothing behind; the name already present gets no domain either.
    expect(await domainsByName()).toEqual({ 'Acme Widgets': ['acme.com'], Initech: [] });
  });

  it('makes a PSA company with that website flag "same domain", never pre-selected', async () => {
    await importRows([{ name: 'Acme Widgets', domains: ['acme.com'] }]);
    h.psa.companies = [{ ...company(1, 'AW Holdings'), website: 'https://acme.com' }, company(2, 'Other')];
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const row = review.rows.find((r) => r.psaCompanyId === 1);
    expect(row?.status).toBe('potential-duplicate');
    expect(row?.candidates.map((c) => c.reason)).toEqual(['same domain acme.com as "Acme Widgets"']);
    expect(row?.decision.kind).toBe('skip');
    expect(review.rows.find((r) => r.psaCompanyId === 2)?.status).toBe('unmapped');
  });
});
