import { describe, expect, it } from 'vitest';
import { comparatorOrder, type SortColumns, sortByGroupKeyId } from '../../../src/domain/keyed-sort.js';
import { mulberry32, pick } from '../../fixtures/company-names/seeded-random.js';

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

/** The order spelled out plainly: group, key by code unit, id, then input position. */
function referenceOrder(items: readonly Item[]): number[] {
  const positions = items.map((_, position) => position);
  return positions.sort((a, b) => {
    const x = items[a];
    const y = items[b];
    if (x === undefined || y === undefined) throw new Error('no item');
    if (x.group !== y.group) return x.group < y.group ? -1 : 1;
    if (x.key !== y.key) return x.key < y.key ? -1 : 1;
    if (x.id !== y.id) return x.id < y.id ? -1 : 1;
    return a - b;
  });
}

function columnsOf(items: readonly Item[]): SortColumns {
  return {
    groups: Float64Array.from(items, (item) => item.group),
    keys: items.map((item) => item.key),
    ids: Float64Array.from(items, (item) => item.id),
  };
}

/** Both entry points must give the reference order. */
function expectReferenceOrder(items: readonly Item[]): void {
  const expected = referenceOrder(items);
  expect(Array.from(comparatorOrder(columnsOf(items)))).toEqual(expected);
  expect(sort(items)).toEqual(expected.map((position) => `t${position}`));
}

// Characters around every boundary the packing has: the end of a key (0), control characters,
// ASCII, accents, surrogate halves (code-unit order puts them below U+E000, code-point order not).
const UNITS = [
  'a',
  'b',
  'z',
  ' ',
  '0',
  '.',
  '\u0000',
  '\u0001',
  'é',
  'ß',
  '\u4e00',
  '\ud800',
  '\udfff',
  '\ue000',
  '\uffff',
];
// Shared prefixes of several lengths, or none.
const PREFIXES = [
  '',
  'acme ',
  'acme dental group ',
  'acme dental group of the northern valley 12 ',
  'Ａｃｍｅ\u200b',
];

function randomItems(seed: number, count: number, sizes: { groups: number; ids: number }): Item[] {
  const rng = mulberry32(seed);
  const keys: string[] = [];
  const items: Item[] = [];
  for (let position = 0; position < count; position += 1) {
    const roll = rng();
    let key: string;
    if (roll < 0.15 && keys.length > 0) {
      key = pick(keys, rng); // the same key again
    } else if (roll < 0.3 && keys.length > 0) {
      key = `${pick(keys, rng)}${pick(UNITS, rng)}`; // differs only at its very end
    } else if (roll < 0.35) {
      key = '';
    } else {
      key = pick(PREFIXES, rng);
      const length = Math.floor(rng() * 6);
      for (let at = 0; at < length; at += 1) key += pick(UNITS, rng);
    }
    keys.push(key);
    const id =
      rng() < 0.05 ? Number.MAX_SAFE_INTEGER - Math.floor(rng() * 3) : 1 + Math.floor(rng() * sizes.ids);
    items.push({ group: Math.floor(rng() * sizes.groups), key, id, tag: `t${position}` });
  }
  return items;
}

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

  it('sorts nothing and one item', () => {
    expect(sort([])).toEqual([]);
    expect(sort([{ group: 0, key: '', id: 1, tag: 'only' }])).toEqual(['only']);
  });

  it.each([
    [1, 2, { groups: 1, ids: 3 }],
    [2, 17, { groups: 3, ids: 2 }],
    [3, 200, { groups: 5, ids: 4 }],
    [4, 3000, { groups: 5, ids: 1000 }],
    [5, 3000, { groups: 1, ids: 2 }],
    [6, 8000, { groups: 2, ids: 50 }],
  ])('gives the reference order on seeded random rows (seed %i, %i rows)', (seed, count, sizes) => {
    expectReferenceOrder(randomItems(seed, count, sizes));
  });

  it('orders keys that differ only far into a long shared prefix', () => {
    const rng = mulberry32(7);
    const shared = 'northgate realty and property management '.repeat(3);
    const items: Item[] = [];
    for (let position = 0; position < 500; position += 1) {
      const cut = Math.floor(rng() * shared.length);
      const key = `${shared.slice(0, cut)}${pick(UNITS, rng)}${pick(UNITS, rng)}`;
      items.push({ group: position % 2, key, id: Math.floor(rng() * 5), tag: `t${position}` });
    }
    expectReferenceOrder(items);
  });

  it('keeps long runs of one same key by id, then input order', () => {
    const items = Array.from({ length: 300 }, (_, position) => ({
      group: position % 3 === 0 ? 0 : 1,
      key: position % 5 === 0 ? 'same name inc' : 'same name',
      id: (position * 7) % 4,
      tag: `t${position}`,
    }));
    expectReferenceOrder(items);
  });

  it('orders every code unit by its value, surrogate halves included', () => {
    let everyUnit = '';
    for (let unit = 0xffff; unit >= 0; unit -= 1) everyUnit += String.fromCharCode(unit);
    const items = randomItems(8, 2000, { groups: 4, ids: 9 });
    const rng = mulberry32(9);
    const wide = items.map((item) => {
      const from = Math.floor(rng() * 0x10000);
      return { ...item, key: `${item.key}${everyUnit.slice(from, from + 3)}` };
    });
    expectReferenceOrder([...wide, { group: 1, key: everyUnit, id: 1, tag: 't2000' }]);
  });

  it('orders any group number: large, negative, fractional', () => {
    for (const odd of [2 ** 31, 2 ** 31 - 1, -1, 1.5]) {
      const items = randomItems(11, 500, { groups: 3, ids: 5 }).map((item) => ({
        ...item,
        group: item.group === 2 ? odd : item.group,
      }));
      expectReferenceOrder(items);
    }
  });
});
