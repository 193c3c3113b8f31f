import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxOpenError } from '../../../adapters/crypto/secret-box.js';

const key = randomBytes(32);
const box = createSecretBox(key);

function flip(char: string | undefined): string {
  return char === 'A' ? 'B' : 'A';
}

function flipFirstChar(part: string): string {
  return `${flip(part[0])}${part.slice(1)}`;
}

/** The last character of a 16-byte tag carries unused bits: any change there must fail too. */
function flipLastChar(part: string): string {
  return `${part.slice(0, -1)}${flip(part.at(-1))}`;
}

describe('secret box', () => {
  it('round-trips text under the same associated data', () => {
    const sealed = box.seal('{"privateKey":"pk-123"}', 'integration-1');
    expect(box.open(sealed, 'integration-1')).toBe('{"privateKey":"pk-123"}');
  });

  it('writes a versioned format without the plaintext and with a fresh IV each time', () => {
    const first = box.seal('same text', 'row');
    const second = box.seal('same text', 'row');
    expect(first).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(first).not.toContain('same text');
    expect(first).not.toBe(second);
  });

  it('refuses a ciphertext moved to another row', () => {
    const sealed = box.seal('secret', 'integration-1');
    expect(() => box.open(sealed, 'integration-2')).toThrow(SecretBoxOpenError);
  });

  it.each([1, 2, 3])('refuses a ciphertext with part %i altered', (index) => {
    for (const alter of [flipFirstChar, flipLastChar]) {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const parts = box.seal('secret value', 'row').split('.');
        parts[index] = alter(parts[index] ?? '');
        expect(() => box.open(parts.join('.'), 'row')).toThrow(SecretBoxOpenError);
      }
    }
  });

  it('refuses malformed input and unknown versions without details', () => {
    const sealed = box.seal('secret', 'row');
    for (const bad of ['', 'garbage', sealed.replace(/^v1/, 'v2'), `${sealed}.extra`, 'v1.!!.!!.!!']) {
      expect(() => box.open(bad, 'row')).toThrow('The stored secret could not be decrypted');
    }
  });

  it('refuses a ciphertext sealed with another key', () => {
    const sealed = createSecretBox(randomBytes(32)).seal('secret', 'row');
    expect(() => box.open(sealed, 'row')).toThrow(SecretBoxOpenError);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});
