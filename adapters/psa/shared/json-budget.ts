/**
 * Counts the values in a JSON text without parsing it: one pass over the bytes, no allocation.
 * Lets the HTTP layer refuse a body of ten million tiny elements (20 MB that JSON.parse would turn
 * into gigabytes of objects) before anything is built from it.
 *
 *   countJsonValues(Buffer.from('[1,{"a":[2,3]}]')) // 6: the outer array, 1, the object, its array, 2, 3
 *
 * Approximate on malformed input (the parse that follows rejects it anyway); exact on valid JSON
 * save that an empty container counts as holding one value.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;

/** Values in `json`, or a number above `stopAbove` as soon as it passes it. */
export function countJsonValues(json: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  // The first value starts the text; every other one is an array's first element (after `[`), an
  // object's first member (after `{`), or follows a `,`.
  let values = 1;
  let inString = false;
  for (let i = 0; i < json.length; i += 1) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === COMMA || byte === OPEN_ARRAY || byte === OPEN_OBJECT) values += 1;
    else continue;
    if (values > stopAbove) return values;
  }
  return values;
}
