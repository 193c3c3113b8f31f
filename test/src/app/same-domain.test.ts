import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { company } from '../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  TEST_SETTINGS,
} from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

describe.each(storageDialects())('same-domain candidates on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: ['Acme Widgets', 'Globex'], licences: 10 });
    // The MSP's own domain comes from configuration (MSP_OWN_DOMAINS).
    Object.assign(h.deps, { settings: { ...TEST_SETTINGS, ownDomains: ['msp.example'] } });
    h.psa.companies = [
      { ...company(1, 'AW Holdings'), website: 'https://www.acme.com/about' },
      { ...company(2, 'Globex'), website: 'globex.io' },
      { ...company(3, 'Free Mail Co'), website: 'gmail.com' },
      { ...company(4, 'Our Own Shop'), website: 'https://msp.example' },
    ];
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  async function review() {
    return expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
  }

  it('flags a website on a domain set by hand, never pre-selected; removing it drops the flag', async () => {
    const set = await h.bot.handle(h.alice, {
      kind: 'companies-domain',
      action: 'add',
      company: 'acme widgets',
      domain: 'ACME.com',
    });
    expect(set).toMatchObject({ kind: 'notice', tone: 'success', subject: 'Acme Widgets' });
    const audit = await db.db.selectFrom('audit_log').select(['action', 'detail']).execute();
    expect(audit.map((row) => row.action)).toContain('companies.domain-added');

    const rows = (await review()).rows;
    const aw = rows.find((row) => row.psaCompanyId === 1);
    expect(aw?.status).toBe('potential-duplicate');
    expect(aw?.candidates).toEqual([
      expect.objectContaining({
        companyName: 'Acme Widgets',
        reason: 'same domain acme.com as "Acme Widgets"',
      }),
    ]);
    expect(aw?.decision.kind).toBe('skip');
  });

  it("derives domains from the company's users and keeps a same name pre-selected", async () => {
    const globex = (await h.deps.storage.repos.companies.listAll(h.tenantId)).find(
      (c) => c.name === 'Globex',
    );
    await h.deps.storage.repos.users.insertMany(h.tenantId, [
      { id: 'u1', companyId: globex?.id ?? '', email: 'ann@globex.io', displayName: 'Ann' },
    ]);
    const row = (await review()).rows.find((r) => r.psaCompanyId === 2);
    expect(row?.candidates).toHaveLength(1);
    expect(row?.candidates[0]?.reason).toMatch(/; same domain globex\.io$/);
    expect(row?.decision.kind).toBe('map');
  });

  it('never counts free mail or the MSP own domains', async () => {
    const acme = (await h.deps.storage.repos.companies.listAll(h.tenantId)).find(
      (c) => c.name === 'Acme Widgets',
    );
    // Stored straight in, past the command's own refusal, to show the classifier drops them too.
    await h.deps.storage.repos.companyDomains.add(
      h.tenantId,
      [
        { companyId: acme?.id ?? '', domain: 'gmail.com', source: 'csv' },
        { companyId: acme?.id ?? '', domain: 'msp.example', source: 'csv' },
      ],
      '2026-01-01T00:00:00.000Z',
    );
    const rows = (await review()).rows;
    expect(rows.find((r) => r.psaCompanyId === 3)?.status).toBe('unmapped');
    expect(rows.find((r) => r.psaCompanyId === 4)?.status).toBe('unmapped');
    for (const domain of ['gmail.com', 'msp.example', 'not a domain']) {
      await expect(
        h.bot.handle(h.alice, { kind: 'companies-domain', action: 'add', company: 'Acme Widgets', domain }),
      ).resolves.toMatchObject({ kind: 'error', code: 'invalid_input' });
    }
  });

  it('removes a domain, audited, and refuses an unknown company', async () => {
    const intent = { kind: 'companies-domain', company: 'Acme Widgets', domain: 'acme.com' } as const;
    await h.bot.handle(h.alice, { ...intent, action: 'add' });
    const removed = await h.bot.handle(h.alice, { ...intent, action: 'remove' });
    expect(removed).toMatchObject({ kind: 'notice', tone: 'success' });
    expect(await h.deps.storage.repos.companyDomains.listAll(h.tenantId)).toEqual([]);
    const audit = await db.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((row) => row.action)).toContain('companies.domain-removed');
    expect((await review()).rows.find((r) => r.psaCompanyId === 1)?.status).toBe('unmapped');
    await expect(
      h.bot.handle(h.alice, { ...intent, action: 'add', company: 'Nobody Inc' }),
    ).resolves.toMatchObject({
      kind: 'error',
      code: 'invalid_input',
    });
  });
});
