import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const AT = '2026-01-01T00:00:00.000Z';

describe.each(storageDialects())('company domains (migration 0006) on $name', (dialect) => {
  let db: TestStorage;

  beforeEach(async () => {
    db = await dialect.open();
  });
  afterEach(async () => db.close());

  it('stores, lists by tenant and company, keeps the first source and removes', async () => {
    const repo = db.storage.repos.companyDomains;
    await repo.add('t1', [{ companyId: 'c1', domain: 'acme.com', source: 'csv' }], AT);
    await repo.add(
      't1',
      [
        { companyId: 'c1', domain: 'acme.com', source: 'chat' },
        { companyId: 'c2', domain: 'globex.io', source: 'chat' },
      ],
      AT,
    );
    await repo.add('t2', [{ companyId: 'c9', domain: 'acme.com', source: 'chat' }], AT);
    expect(await repo.listAll('t1')).toEqual([
      { companyId: 'c1', domain: 'acme.com', source: 'csv' },
      { companyId: 'c2', domain: 'globex.io', source: 'chat' },
    ]);
    expect(await repo.listByCompany('t1', 'c2')).toEqual([
      { companyId: 'c2', domain: 'globex.io', source: 'chat' },
    ]);
    expect(await repo.remove('t1', 'c1', 'acme.com')).toBe(true);
    expect(await repo.remove('t1', 'c1', 'acme.com')).toBe(false);
    expect(await repo.listAll('t1')).toEqual([{ companyId: 'c2', domain: 'globex.io', source: 'chat' }]);
    expect(await repo.listAll('t2')).toHaveLength(1);
  });
});
