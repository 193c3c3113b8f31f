/**
 * A response body as text for JSON.parse. PSA pages are almost always pure ASCII, and for ASCII
 * the Latin-1 decoder gives the same string at about half the cost of UTF-8's (which must check
 * every byte for a multi-byte sequence); `isAscii` is one vectorised pass.
 *
 *   decodeBody(Buffer.from('[{"name":"Acme"}]')) // '[{"name":"Acme"}]'
 *
 * decodeJsonBody goes further for the hot pages: a body with a few accented names is still read
 * as Latin-1 (a copy, and a one-byte string JSON.parse reads faster), and only the strings that
 * kept raw UTF-8 bytes are decoded afterwards, by `text`. That is exact as long as the body has
 * no `\u` escape: every character above U+007F in the parsed strings then stands for one byte of
 * the body, and a multi-byte sequence never spans a quote. A body with escapes is decoded as
 * UTF-8 whole, as before.
 *
 *   const body = decodeJsonBody(bytes);
 *   const name = body.text(JSON.parse(body.json)[0].name); // 'Chloé', not 'ChloÃ©'
 */
import { isAscii } from 'node:buffer';

export function decodeBody(bytes: Uint8Array): string {
  const buffer = asBuffer(bytes);
  return isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
}

export interface JsonBody {
  /** The text to parse. */
  readonly json: string;
  /** A string parsed from `json` as the body meant it (UTF-8); the same string for most bodies. */
  readonly text: (value: string) => string;
}

const same = (value: string): string => value;
// Raw UTF-8 bytes read as Latin-1: characters U+0080-U+00FF.
const RAW_UTF8 = /[\x80-\xff]/;
const utf8Of = (value: string): string =>
  RAW_UTF8.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;

export function decodeJsonBody(bytes: Uint8Array): JsonBody {
  const buffer = asBuffer(bytes);
  if (isAscii(buffer)) return { json: buffer.toString('latin1'), text: same };
  if (buffer.includes('\\u')) return { json: buffer.toString('utf8'), text: same };
  return { json: buffer.toString('latin1'), text: utf8Of };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
