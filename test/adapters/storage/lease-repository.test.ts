import { beforeEach, describe, expect, it } from 'vitest';
import type { LeaseRepository } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at } from './storage-fixtures.js';

const KEY = 'integration:int-1';

describe.each(storageDialects())('leases on $name', (dialect) => {
  let opened: TestStorage;
  let leases: LeaseRepository;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    leases = opened.storage.repos.leases;
  });

  it('gives a free key to the first holder with token 1', async () => {
    expect(await leases.get(KEY)).toBeNull();
    const lease = await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect(lease).toEqual({ key: KEY, holder: 'run-a', token: 1, expiresAt: at(10) });
    expect(await leases.get(KEY)).toEqual(lease);
  });

  it('lets exactly one of 20 concurrent holders take a free key', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => leases.acquire(KEY, `run-${i}`, at(10), at(0))),
    );
    const winners = results.filter((lease) => lease !== null);
    expect(winners).toHaveLength(1);
    expect((await leases.get(KEY))?.holder).toBe(winners[0]?.holder);
  });

  it('lets exactly one of 20 concurrent holders take an expired key, with the next token', async () => {
    await leases.acquire(KEY, 'run-old', at(10), at(0));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => leases.acquire(KEY, `run-${i}`, at(30), at(20))),
    );
    const winners = results.filter((lease) => lease !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.token).toBe(2);
  });

  it('refuses another holder before expiry and lets the holder renew with the same token', async () => {
    await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect(await leases.acquire(KEY, 'run-b', at(15), at(5))).toBeNull();
    expect(await leases.acquire(KEY, 'run-a', at(20), at(5))).toEqual({
      key: KEY,
      holder: 'run-a',
      token: 1,
      expiresAt: at(20),
    });
  });

  it('hands an expired lease to another holder with token + 1, fencing out the old holder', async () => {
    await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect((await leases.acquire(KEY, 'run-b', at(25), at(10)))?.token).toBe(2);
    expect(await leases.renew(KEY, 'run-a', 1, at(30))).toBe(false);
    expect(await leases.release(KEY, 'run-a', 1)).toBe(false);
    expect(await leases.get(KEY)).toEqual({ key: KEY, holder: 'run-b', token: 2, expiresAt: at(25) });
  });

  it('renews only with the current holder and token', async () => {
    await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect(await leases.renew(KEY, 'run-a', 2, at(20))).toBe(false);
    expect(await leases.renew(KEY, 'run-b', 1, at(20))).toBe(false);
    expect(await leases.renew(KEY, 'run-a', 1, at(20))).toBe(true);
    expect((await leases.get(KEY))?.expiresAt).toBe(at(20));
    expect(await leases.acquire(KEY, 'run-b', at(25), at(15))).toBeNull();
  });

  it('frees a released key at once, and never reuses a token', async () => {
    const first = await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect(await leases.release(KEY, 'run-a', 1)).toBe(true);
    expect(await leases.release(KEY, 'run-a', 1)).toBe(false);
    expect(await leases.get(KEY)).toBeNull();
    const second = await leases.acquire(KEY, 'run-b', at(10), at(1));
    await leases.release(KEY, 'run-b', 2);
    const third = await leases.acquire(KEY, 'run-a', at(10), at(2));
    expect([first?.token, second?.token, third?.token]).toEqual([1, 2, 3]);
  });

  it('keeps keys independent', async () => {
    await leases.acquire(KEY, 'run-a', at(10), at(0));
    expect((await leases.acquire('integration:other', 'run-b', at(10), at(0)))?.token).toBe(1);
  });
});
