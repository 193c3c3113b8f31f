import { describe, expect, it } from 'vitest';
import { sortByGroupKeyId } from '../../../src/domain/keyed-sort.js';

interface Item {
  readonly group: number;
  readonly key: string;
  readonly id: number;
  readonly tag: string;
}

const sort = (items: readonly Item[]): string[] =>
  sortByGroupKeyId(
    items,
    (item) => item.group,
    (item) => item.key,
    (item) => item.id,
  ).map((item) => item.tag);

describe('sortByGroupKeyId', () => {
  it('orders by group, then key by code unit, then id', () => {
    const items: Item[] = [
      { group: 1, key: 'a', id: 1, tag: 'g1' },
      { group: 0, key: 'b', id: 2, tag: 'b2' },
      { group: 0, key: 'b', id: 1, tag: 'b1' },
      { group: 0, key: 'B', id: 9, tag: 'B9' },
      { group: 0, key: 'ab', id: 5, tag: 'ab' },
      { group: 0, key: 'a', id: 7, tag: 'a' },
    ];
    expect(sort(items)).toEqual(['B9', 'a', 'ab', 'b1', 'b2', 'g1']);
  });

  it('keeps the input order of items equal in all three', () => {
    const items: Item[] = [
      { group: 0, key: 'x', id: 1, tag: 'first' },
      { group: 0, key: 'x', id: 1, tag: 'second' },
      { group: 0, key: 'w', id: 3, tag: 'w' },
    ];
    expect(sort(items)).toEqual(['w', 'first', 'second']);
  });

  it('leaves its input as it was', () => {
    const items: Item[] = [
      { group: 2, key: 'a', id: 1, tag: 'late' },
      { group: 0, key: 'a', id: 1, tag: 'early' },
    ];
    expect(sort(items)).toEqual(['early', 'late']);
    expect(items.map((item) => item.tag)).toEqual(['late', 'early']);
  });
});
