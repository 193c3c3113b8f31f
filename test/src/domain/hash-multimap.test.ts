import { describe, expect, it } from 'vitest';
import {
  addHashed,
  firstHashed,
  type HashMultimap,
  hashMultimap,
  nextHashed,
  valueAt,
} from '../../../src/domain/hash-multimap.js';

function valuesUnder(map: HashMultimap, hash: number): number[] {
  const out: number[] = [];
  for (let e = firstHashed(map, hash); e >= 0; e = nextHashed(map, e)) out.push(valueAt(map, e));
  return out;
}

describe('hashMultimap', () => {
  it('finds nothing in an empty map', () => {
    expect(valuesUnder(hashMultimap(0), 7)).toEqual([]);
    expect(valuesUnder(hashMultimap(4), 0)).toEqual([]);
  });

  it('keeps the values of one hash in the order they were added', () => {
    const map = hashMultimap(4);
    addHashed(map, 5, 10);
    addHashed(map, 9, 11);
    addHashed(map, 5, 12);
    addHashed(map, 5, 13);
    expect(valuesUnder(map, 5)).toEqual([10, 12, 13]);
    expect(valuesUnder(map, 9)).toEqual([11]);
    expect(valuesUnder(map, 6)).toEqual([]);
  });

  it('tells apart hashes that fall in the same slot, negative ones and zero included', () => {
    const map = hashMultimap(8);
    // 16 slots: these all start at slot 0.
    const hashes = [0, 16, 32, -16, 1 << 30, 1 << 31];
    hashes.forEach((hash, i) => {
      addHashed(map, hash, i);
    });
    hashes.forEach((hash, i) => {
      expect(valuesUnder(map, hash)).toEqual([i]);
    });
    expect(valuesUnder(map, 48)).toEqual([]);
    // Past 32 bits a hash is its low 32 bits, as stored.
    expect(valuesUnder(map, 2 ** 32 + 16)).toEqual([1]);
  });

  it('refuses more entries than its capacity', () => {
    const map = hashMultimap(1);
    addHashed(map, 1, 1);
    expect(() => addHashed(map, 2, 2)).toThrow(RangeError);
  });
});
