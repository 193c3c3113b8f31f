/**
 * decodeJsonBody reads a page as Latin-1 and decodes only the strings that kept raw UTF-8 bytes:
 * every string must come out as parsing the body's UTF-8 text whole gives it, for any bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeBody, decodeJsonBody } from '../../../../adapters/psa/shared/decode-body.js';

/** Every string of a parsed JSON value, in order. */
function stringsOf(value: unknown, text: (raw: string) => string = (raw) => raw): string[] {
  if (typeof value === 'string') return [text(value)];
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, text));
  if (typeof value === 'object' && value !== null)
    return Object.values(value).flatMap((item) => stringsOf(item, text));
  return [];
}

/** What parsing the body's UTF-8 text whole gives, against the Latin-1 reading decoded string by string. */
function bothReadings(bytes: Uint8Array): { whole: string[]; byString: string[] } {
  const body = decodeJsonBody(bytes);
  return {
    whole: stringsOf(JSON.parse(Buffer.from(bytes).toString('utf8'))),
    byString: stringsOf(JSON.parse(body.json), body.text),
  };
}

/** A small deterministic generator (no Math.random: a failure must replay). */
function bytesGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 256;
  };
}

describe('decodeJsonBody', () => {
  it('reads an ASCII body as it is', () => {
    const body = decodeJsonBody(Buffer.from('[{"name":"Acme \\u00e9"}]'));
    expect(JSON.parse(body.json)).toEqual([{ name: 'Acme é' }]);
    expect(body.text('x')).toBe('x');
  });

  it('decodes the strings of a body with raw UTF-8 as UTF-8: accents, CJK, emoji', () => {
    const records = [{ first: 'Chloé', last: 'Nguyễn', city: '東京', mood: '🙂', plain: 'Smith' }];
    const body = decodeJsonBody(Buffer.from(JSON.stringify(records), 'utf8'));
    expect(stringsOf(JSON.parse(body.json), body.text)).toEqual(['Chloé', 'Nguyễn', '東京', '🙂', 'Smith']);
  });

  it('decodes a body with a \\u escape and raw UTF-8 whole', () => {
    const bytes = Buffer.from('[{"a":"Chlo\\u00e9","b":"Zoë"}]', 'utf8');
    const body = decodeJsonBody(bytes);
    expect(body.json).toBe(decodeBody(bytes));
    expect(stringsOf(JSON.parse(body.json), body.text)).toEqual(['Chloé', 'Zoë']);
  });

  it('agrees with the whole UTF-8 reading on random bytes in strings, invalid sequences included', () => {
    const next = bytesGenerator(20_261_201);
    for (let round = 0; round < 500; round += 1) {
      const parts: number[] = [];
      for (let field = 0; field < 4; field += 1) {
        const raw: number[] = [];
        for (let index = 0; index < 1 + (next() % 12); index += 1) {
          const byte = next() % 2 === 0 ? 0x80 + (next() % 0x80) : 0x20 + (next() % 0x5f);
          // Quotes and backslashes would end the string or start an escape: not what is tested here.
          raw.push(byte === 0x22 || byte === 0x5c ? 0x41 : byte);
        }
        parts.push(...Buffer.from(field === 0 ? '["' : ',"'), ...raw, 0x22);
      }
      parts.push(0x5d);
      const { whole, byString } = bothReadings(new Uint8Array(parts));
      expect(byString).toEqual(whole);
    }
  });
});
