import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../src/ports/secret-box.js';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Thrown for every way a sealed value can fail to open. It says nothing about why on purpose: the
 * difference between "wrong key", "moved row" and "tampered" helps an attacker, not an operator.
 */
export class SecretBoxOpenError extends Error {
  constructor() {
    super('The stored secret could not be decrypted');
    this.name = 'SecretBoxOpenError';
  }
}

function decode(part: string | undefined, expectedBytes?: number): Buffer {
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part)) throw new SecretBoxOpenError();
  const bytes = Buffer.from(part, 'base64url');
  // Only the canonical spelling: unused low bits in the last character would otherwise let an
  // altered string open as if untouched.
  if (bytes.toString('base64url') !== part) throw new SecretBoxOpenError();
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) throw new SecretBoxOpenError();
  return bytes;
}

/**
 * AES-256-GCM with a fresh 12-byte IV per seal. Output: `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the version prefix lets a later key or algorithm rotation tell old values apart.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`The encryption key must be ${KEY_BYTES} bytes`);
  // A private copy: the caller may zero or reuse its buffer.
  const keyCopy = Buffer.from(key);
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, keyCopy, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, associatedData) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxOpenError();
      const iv = decode(parts[1], IV_BYTES);
      const tag = decode(parts[2], TAG_BYTES);
      const ciphertext = decode(parts[3]);
      try {
        const decipher = createDecipheriv(ALGORITHM, keyCopy, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // node:crypto's message ("Unsupported state or unable to authenticate data") adds nothing.
        throw new SecretBoxOpenError();
      }
    },
  };
}
