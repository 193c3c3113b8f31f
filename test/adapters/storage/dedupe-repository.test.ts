import { beforeEach, describe, expect, it } from 'vitest';
import type { DedupeRepository } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at } from './storage-fixtures.js';

describe.each(storageDialects())('request dedupe on $name', (dialect) => {
  let opened: TestStorage;
  let dedupe: DedupeRepository;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    dedupe = opened.storage.repos.dedupe;
  });

  it('claims a key once until it expires, then once again', async () => {
    expect(await dedupe.claim('slack:retry-1', at(0), at(10))).toBe(true);
    expect(await dedupe.claim('slack:retry-1', at(5), at(15))).toBe(false);
    expect(await dedupe.claim('slack:retry-2', at(5), at(15))).toBe(true);
    expect(await dedupe.claim('slack:retry-1', at(10), at(20))).toBe(true);
    expect(await dedupe.claim('slack:retry-1', at(19), at(29))).toBe(false);
  });

  it('answers true to exactly one of 50 concurrent claims', async () => {
    const claims = await Promise.all(
      Array.from({ length: 50 }, () => dedupe.claim('teams:a1', at(0), at(10))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('answers true to exactly one of 50 concurrent claims of an expired key', async () => {
    await dedupe.claim('teams:a1', at(0), at(10));
    const claims = await Promise.all(
      Array.from({ length: 50 }, () => dedupe.claim('teams:a1', at(11), at(20))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('purges expired keys only', async () => {
    await dedupe.claim('old', at(0), at(5));
    await dedupe.claim('older', at(0), at(3));
    await dedupe.claim('live', at(0), at(50));
    expect(await dedupe.purgeExpired(at(5))).toBe(2);
    expect(await dedupe.purgeExpired(at(5))).toBe(0);
    expect(await dedupe.claim('live', at(6), at(60))).toBe(false);
    expect(await dedupe.claim('old', at(6), at(60))).toBe(true);
  });
});
