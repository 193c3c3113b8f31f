/**
 * A response body as text for JSON.parse. PSA pages are almost always pure ASCII, and for ASCII
 * the Latin-1 decoder gives the same string at about half the cost of UTF-8's (which must check
 * every byte for a multi-byte sequence); `isAscii` is one vectorised pass.
 *
 *   decodeBody(Buffer.from('[{"name":"Acme"}]')) // '[{"name":"Acme"}]'
 */
import { isAscii } from 'node:buffer';

export function decodeBody(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
}
