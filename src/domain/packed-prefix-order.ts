/**
 * The order of rows by group, then text key by code unit, then id, then input position, mostly
 * from the engine's native typed-array sort: a comparator sort of 100k rows spends its time in
 * ~1.7M calls back into JavaScript, a native sort of 100k numbers takes ~10 ms.
 *
 * It is a most-significant-digit radix sort with wide digits. Each row becomes one unsigned 64-bit
 * number: the group, the next few characters of its key as ranks (each code unit that occurs in a
 * key, numbered in code-unit order from 1; 0 where the key has ended, so a shorter key comes
 * first), and its slot in the run in the low bits, which keeps the sort stable and says where the
 * row came from. Rows that tie on all but the slot share those characters exactly and are sorted
 * again, on the characters that follow; short runs, and runs of one same key, by insertion or a
 * comparator on the rest of the key, the id and the position.
 */

export interface SortColumns {
  readonly groups: Float64Array;
  readonly keys: readonly string[];
  readonly ids: Float64Array;
}

// Runs this short are cheaper to sort by insertion than to pack.
const SHORT_RUN = 16;
// Where the high and the low 32 bits of a 64-bit element sit in memory.
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** The rows' data, by row number; the numbers are the input positions until `gather`. */
interface Rows {
  readonly groups: Float64Array;
  readonly ids: Float64Array;
  /** Every key's code units, one key after the other: row r's key is units[starts[r], ends[r]). */
  readonly units: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

interface Sorter extends Rows {
  /** A code unit's rank (see above). */
  readonly ranks: Int32Array;
  readonly charBits: number;
  readonly order: Int32Array;
  readonly scratch: Int32Array;
  readonly packed: BigUint64Array;
  /** `packed` as 32-bit words, written and read without making a BigInt. */
  readonly words: Uint32Array;
  /** Runs still to sort: start, end and depth (characters known equal), three numbers each. */
  readonly pending: number[];
}

/**
 * The positions in order, or null when the input does not fit the packing: a group that is not a
 * whole number from 0 to 2^31 - 1, keys of 2^31 characters or more in all, or no room beside the
 * group and the position for one character.
 */
export function packedPrefixOrder({ groups, keys, ids }: SortColumns): Int32Array | null {
  const groupBits = groupBitsOf(groups);
  if (groupBits === null) return null;
  const flat = flatKeys(keys);
  if (flat === null) return null;
  const count = keys.length;
  if (charsPerRun(groupBits, bitsFor(count - 1), flat.charBits).total === 0) return null;
  const order = new Int32Array(count);
  for (let position = 0; position < count; position += 1) order[position] = position;
  const packed = new BigUint64Array(count);
  const sorter: Sorter = {
    groups,
    ids,
    ...flat,
    order,
    scratch: new Int32Array(count),
    packed,
    words: new Uint32Array(packed.buffer),
    pending: [],
  };
  if (count <= SHORT_RUN) {
    insertionSort(sorter, 0, count, 0);
    return order;
  }
  sortRun(sorter, 0, count, 0, groupBits);
  // From here on a row is known by its place after this first level (see gather).
  const positions = order.slice();
  const gathered: Sorter = { ...sorter, ...gather(sorter, positions) };
  for (let slot = 0; slot < count; slot += 1) order[slot] = slot;
  const { pending } = gathered;
  while (pending.length > 0) {
    const depth = pending.pop() ?? 0;
    const end = pending.pop() ?? 0;
    sortRun(gathered, pending.pop() ?? 0, end, depth, 0);
  }
  for (let slot = 0; slot < count; slot += 1) order[slot] = positions[order[slot] ?? 0] ?? 0;
  return order;
}

/**
 * The rows renumbered in their order after the first level, their data moved to match. Every
 * later run is then a range of row numbers whose data sit together; read in scattered order, each
 * row costs cache misses (packing 100k rows took ~8x as long that way). The move itself reads in
 * input order and writes scattered, which the processor hides better. The new numbers keep the
 * input order among tied rows, as the first level's sort is stable.
 */
function gather(rows: Rows, order: Int32Array): Rows {
  const count = order.length;
  const slots = new Int32Array(count);
  for (let slot = 0; slot < count; slot += 1) slots[order[slot] ?? 0] = slot;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let at = 0;
  for (let slot = 0; slot < count; slot += 1) {
    const row = order[slot] ?? 0;
    starts[slot] = at;
    at += (rows.ends[row] ?? 0) - (rows.starts[row] ?? 0);
    ends[slot] = at;
  }
  const moved = {
    groups: new Float64Array(count),
    ids: new Float64Array(count),
    units: new Uint16Array(rows.units.length),
    starts,
    ends,
  };
  for (let row = 0; row < count; row += 1) {
    const slot = slots[row] ?? 0;
    moved.groups[slot] = rows.groups[row] ?? 0;
    moved.ids[slot] = rows.ids[row] ?? 0;
    let to = starts[slot] ?? 0;
    for (let from = rows.starts[row] ?? 0; from < (rows.ends[row] ?? 0); from += 1) {
      moved.units[to] = rows.units[from] ?? 0;
      to += 1;
    }
  }
  return moved;
}

/**
 * Sorts order[start, end) on the group (when groupBits > 0) and the keys' characters from depth
 * on, then sorts on what the rows still tie on: the following characters, or ids and positions.
 */
function sortRun(sorter: Sorter, start: number, end: number, depth: number, groupBits: number): void {
  const slotBits = bitsFor(end - start - 1);
  const chars = charsPerRun(groupBits, slotBits, sorter.charBits);
  packRun(sorter, start, end, depth, groupBits > 0, slotBits, chars);
  sorter.packed.subarray(start, end).sort();
  reorder(sorter, start, end, slotBits);
  const next = depth + chars.total;
  const { order, starts, ends, words } = sorter;
  let tieStart = start;
  for (let slot = start + 1; slot <= end; slot += 1) {
    if (slot < end && samePrefix(words, slot - 1, slot, slotBits)) continue;
    if (slot - tieStart > 1) {
      const row = order[tieStart] ?? 0;
      // Tied rows share their characters so far: if one key has ended, all are the same key.
      const ended = (ends[row] ?? 0) - (starts[row] ?? 0) < next;
      if (slot - tieStart <= SHORT_RUN) insertionSort(sorter, tieStart, slot, next);
      else if (ended) comparatorSort(sorter, tieStart, slot, next);
      else sorter.pending.push(tieStart, slot, next);
    }
    tieStart = slot;
  }
}

function packRun(
  { groups, units, starts, ends, ranks, charBits, order, words }: Sorter,
  start: number,
  end: number,
  depth: number,
  withGroup: boolean,
  slotBits: number,
  chars: { high: number; total: number },
): void {
  for (let slot = 0; slot < end - start; slot += 1) {
    const row = order[start + slot] ?? 0;
    const from = (starts[row] ?? 0) + depth;
    const to = ends[row] ?? 0;
    // Shifts wrap at 32 bits in JavaScript; the bits are right once stored as unsigned.
    let high = withGroup ? (groups[row] ?? 0) : 0;
    for (let at = from; at < from + chars.high; at += 1) {
      high = (high << charBits) | (at < to ? (ranks[units[at] ?? 0] ?? 0) : 0);
    }
    let low = 0;
    for (let at = from + chars.high; at < from + chars.total; at += 1) {
      low = (low << charBits) | (at < to ? (ranks[units[at] ?? 0] ?? 0) : 0);
    }
    words[2 * (start + slot) + HIGH] = high;
    words[2 * (start + slot) + LOW] = (low << slotBits) | slot;
  }
}

/**
 * Puts the rows in the order of the sorted numbers, whose low bits are the rows' old slots. The
 * copy back is a loop, not `order.set(scratch.subarray(...))`: the engine optimises this function
 * inside its first loop, before those calls have run once, and then left the optimised code at
 * them on every call (over 300 deoptimisations a diff).
 */
function reorder({ order, scratch, words }: Sorter, start: number, end: number, slotBits: number): void {
  const slotMask = 2 ** slotBits - 1;
  const count = end - start;
  for (let slot = 0; slot < count; slot += 1) {
    scratch[slot] = order[start + ((words[2 * (start + slot) + LOW] ?? 0) & slotMask)] ?? 0;
  }
  for (let slot = 0; slot < count; slot += 1) order[start + slot] = scratch[slot] ?? 0;
}

function samePrefix(words: Uint32Array, a: number, b: number, slotBits: number): boolean {
  return (
    words[2 * a + HIGH] === words[2 * b + HIGH] &&
    (words[2 * a + LOW] ?? 0) >>> slotBits === (words[2 * b + LOW] ?? 0) >>> slotBits
  );
}

function insertionSort(sorter: Sorter, start: number, end: number, depth: number): void {
  const { order } = sorter;
  for (let next = start + 1; next < end; next += 1) {
    const row = order[next] ?? 0;
    let at = next;
    for (; at > start && compareRows(sorter, order[at - 1] ?? 0, row, depth) > 0; at -= 1) {
      order[at] = order[at - 1] ?? 0;
    }
    order[at] = row;
  }
}

function comparatorSort(sorter: Sorter, start: number, end: number, depth: number): void {
  const run = Array.from(sorter.order.subarray(start, end));
  sorter.order.set(
    run.sort((a, b) => compareRows(sorter, a, b, depth)),
    start,
  );
}

/** The full order of two rows whose keys are known equal up to depth. */
function compareRows(
  { groups, ids, units, starts, ends }: Sorter,
  a: number,
  b: number,
  depth: number,
): number {
  const byGroup = (groups[a] ?? 0) - (groups[b] ?? 0);
  if (byGroup !== 0) return byGroup;
  const fromA = starts[a] ?? 0;
  const fromB = starts[b] ?? 0;
  const lengthA = (ends[a] ?? 0) - fromA;
  const lengthB = (ends[b] ?? 0) - fromB;
  const shorter = Math.min(lengthA, lengthB);
  for (let at = depth; at < shorter; at += 1) {
    const byUnit = (units[fromA + at] ?? 0) - (units[fromB + at] ?? 0);
    if (byUnit !== 0) return byUnit;
  }
  if (lengthA !== lengthB) return lengthA - lengthB;
  const idA = ids[a] ?? 0;
  const idB = ids[b] ?? 0;
  if (idA !== idB) return idA < idB ? -1 : 1;
  return a - b;
}

/** How many characters fit in the high word beside the group, and in all beside the slot. */
function charsPerRun(groupBits: number, slotBits: number, charBits: number): { high: number; total: number } {
  const high = Math.floor((32 - groupBits) / charBits);
  return { high, total: high + Math.floor((32 - slotBits) / charBits) };
}

function groupBitsOf(groups: Float64Array): number | null {
  let largest = 0;
  // Indexed loops here and below: each runs once per sort over every row, mostly before the
  // engine has optimised it, where an iterator allocates a result per row.
  for (let row = 0; row < groups.length; row += 1) {
    const group = groups[row] ?? 0;
    if (!Number.isInteger(group) || group < 0 || group >= 2 ** 31) return null;
    if (group > largest) largest = group;
  }
  return bitsFor(largest);
}

/**
 * The keys as one array of code units (read once, in input order; later levels would read the
 * strings scattered), and the ranks of the units that occur: the usual few dozen take 6 bits
 * each, not 16.
 */
function flatKeys(
  keys: readonly string[],
): Pick<Sorter, 'units' | 'starts' | 'ends' | 'ranks' | 'charBits'> | null {
  let total = 0;
  for (let row = 0; row < keys.length; row += 1) total += keys[row]?.length ?? 0;
  if (total >= 2 ** 31) return null;
  const units = new Uint16Array(total);
  const starts = new Int32Array(keys.length);
  const ends = new Int32Array(keys.length);
  const ranks = new Int32Array(0x10000);
  let at = 0;
  for (let row = 0; row < keys.length; row += 1) {
    const key = keys[row] ?? '';
    starts[row] = at;
    for (let index = 0; index < key.length; index += 1) {
      const unit = key.charCodeAt(index);
      units[at + index] = unit;
      ranks[unit] = 1;
    }
    at += key.length;
    ends[row] = at;
  }
  let rank = 0;
  for (let unit = 0; unit < ranks.length; unit += 1) {
    if (ranks[unit] === 0) continue;
    rank += 1;
    ranks[unit] = rank;
  }
  return { units, starts, ends, ranks, charBits: Math.max(1, bitsFor(rank)) };
}

/** Bits for the whole numbers 0..largest (largest below 2^32). */
function bitsFor(largest: number): number {
  return largest <= 0 ? 0 : 32 - Math.clz32(largest);
}
