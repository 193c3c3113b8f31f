import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CoreHarness, coreHarness } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

describe.each(storageDialects())('adding managed companies by hand on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: ['Gamma Co', 'Acme Dental'], licences: 1 });
  });
  afterEach(async () => db.close());

  it('refuses a name that is the same once normalised, naming the existing company', async () => {
    const refused = await h.bot.handle(h.alice, { kind: 'companies-add', name: 'Gamma Co.' });
    expect(refused).toMatchObject({
      kind: 'notice',
      tone: 'info',
      text: 'Not added: a managed company with the same name already exists',
      subject: 'Gamma Co',
    });
    const list = await h.bot.handle(h.alice, { kind: 'companies-list', query: 'gamma' });
    expect(list).toMatchObject({ kind: 'companies', companies: [{ name: 'Gamma Co' }] });
  });

  it('adds a company whose name only looks alike', async () => {
    const added = await h.bot.handle(h.alice, { kind: 'companies-add', name: 'Acme Rental' });
    // The surfaces put the separator between the text and its subject.
    expect(added).toMatchObject({
      kind: 'notice',
      tone: 'success',
      text: 'Managed company added',
      subject: 'Acme Rental',
    });
  });
});
