/**
 * Positions (small non-negative integers) by a 32-bit hash, in typed arrays: open addressing over
 * the hashes, each slot heading a chain of entries in insertion order. A lookup by a string key
 * would hash a freshly built string (and flatten it first); 100,000 such keys per diff cost more
 * than the rest of the matching. Equal hashes are not equal keys: callers check what they find.
 */
export interface HashMultimap {
  /** Slot hashes; a slot is free while its head is 0. */
  readonly slotHash: Int32Array;
  /** First and last entry of a slot's chain, plus one (0: free slot). */
  readonly slotHead: Int32Array;
  readonly slotTail: Int32Array;
  readonly values: Int32Array;
  /** The next entry in the chain, plus one (0: the last). */
  readonly next: Int32Array;
  /** Entries used so far. */
  size: number;
}

/** A multimap for at most `capacity` entries, with at least twice as many slots. */
export function hashMultimap(capacity: number): HashMultimap {
  let slots = 16;
  while (slots < capacity * 2) slots *= 2;
  return {
    slotHash: new Int32Array(slots),
    slotHead: new Int32Array(slots),
    slotTail: new Int32Array(slots),
    values: new Int32Array(capacity),
    next: new Int32Array(capacity),
    size: 0,
  };
}

/** Appends `value` under `hash`; throws past the capacity given at creation. */
export function addHashed(map: HashMultimap, hash: number, value: number): void {
  if (map.size >= map.values.length) throw new RangeError('hash multimap full');
  const entry = map.size;
  map.size += 1;
  map.values[entry] = value;
  const slot = findSlot(map, hash);
  const tail = map.slotTail[slot] ?? 0;
  if (tail === 0) {
    map.slotHash[slot] = hash | 0;
    map.slotHead[slot] = entry + 1;
  } else {
    map.next[tail - 1] = entry + 1;
  }
  map.slotTail[slot] = entry + 1;
}

/** The first entry under `hash`, or -1; walk on with `nextHashed`, read with `valueAt`. */
export function firstHashed(map: HashMultimap, hash: number): number {
  if (map.size === 0) return -1;
  return (map.slotHead[findSlot(map, hash)] ?? 0) - 1;
}

export function nextHashed(map: HashMultimap, entry: number): number {
  return (map.next[entry] ?? 0) - 1;
}

export function valueAt(map: HashMultimap, entry: number): number {
  return map.values[entry] ?? -1;
}

/** The slot holding `hash`, or the free slot where it would go (linear probing). */
function findSlot(map: HashMultimap, hash: number): number {
  const mask = map.slotHash.length - 1;
  // As stored: a hash past 32 bits is taken as its low 32.
  const stored = hash | 0;
  let slot = stored & mask;
  while ((map.slotHead[slot] ?? 0) !== 0 && map.slotHash[slot] !== stored) slot = (slot + 1) & mask;
  return slot;
}
