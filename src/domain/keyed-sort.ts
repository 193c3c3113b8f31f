/**
 * Sorts by a small group number, then a text key (compared by code unit), then a numeric id;
 * items equal in all three keep their order. Each item's three are read once into flat arrays,
 * so a comparison reads numbers and strings, nothing more. The text keys are compared as given:
 * a key built by concatenation (a rope in V8) is slow to compare, so callers pass a key the
 * engine has produced in one piece (as `foldText` does) and the group apart, not prefixed to it.
 */
export function sortByGroupKeyId<T>(
  items: readonly T[],
  group: (item: T) => number,
  key: (item: T) => string,
  id: (item: T) => number,
): T[] {
  const count = items.length;
  const groups = new Int32Array(count);
  const ids = new Float64Array(count);
  const keys: string[] = [];
  const positions: number[] = [];
  for (let position = 0; position < count; position += 1) {
    const item = itemAt(items, position);
    groups[position] = group(item);
    ids[position] = id(item);
    keys.push(key(item));
    positions.push(position);
  }
  positions.sort((a, b) => {
    const byGroup = (groups[a] ?? 0) - (groups[b] ?? 0);
    if (byGroup !== 0) return byGroup;
    const x = keys[a] ?? '';
    const y = keys[b] ?? '';
    if (x !== y) return x < y ? -1 : 1;
    return (ids[a] ?? 0) - (ids[b] ?? 0);
  });
  return positions.map((position) => itemAt(items, position));
}

function itemAt<T>(items: readonly T[], position: number): T {
  const item = items[position];
  if (item === undefined) throw new RangeError(`no item at ${position}`);
  return item;
}
