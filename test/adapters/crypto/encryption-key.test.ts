import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decodeKey,
  EncryptionKeyError,
  resolveEncryptionKey,
} from '../../../adapters/crypto/encryption-key.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'psa-key-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encryption key', () => {
  it('uses the configured key as given', async () => {
    const key = randomBytes(32);
    const resolved = await resolveEncryptionKey(key, { kind: 'shared' });
    expect(resolved.key.equals(key)).toBe(true);
    expect(resolved.source.kind).toBe('configured');
  });

  it('requires a configured key with a shared database', async () => {
    await expect(resolveEncryptionKey(null, { kind: 'shared' })).rejects.toThrow(
      /ENCRYPTION_KEY is required/,
    );
  });

  it('creates a 0600 key file next to the SQLite database, then reuses it', async () => {
    const databasePath = join(dir, 'data', 'psa-import.db');
    const first = await resolveEncryptionKey(null, { kind: 'sqlite-file', databasePath });
    const path = join(dir, 'data', 'encryption.key');
    expect(first.source).toEqual({ kind: 'key-file', path, created: true, looseMode: false });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(decodeKey(await readFile(path, 'utf8'))?.equals(first.key)).toBe(true);

    const second = await resolveEncryptionKey(null, { kind: 'sqlite-file', databasePath });
    expect(second.source).toMatchObject({ kind: 'key-file', created: false });
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('refuses to generate a key file while the database holds credentials sealed with the old one', async () => {
    const databasePath = join(dir, 'data', 'psa-import.db');
    const attempt = resolveEncryptionKey(null, { kind: 'sqlite-file', databasePath }, async () => true);
    await expect(attempt).rejects.toBeInstanceOf(EncryptionKeyError);
    await expect(attempt).rejects.toThrow(`The key file ${join(dir, 'data', 'encryption.key')} is missing`);
    await expect(stat(join(dir, 'data', 'encryption.key'))).rejects.toMatchObject({ code: 'ENOENT' });
    // Nothing sealed yet: a first start generates the file as before.
    const fresh = await resolveEncryptionKey(null, { kind: 'sqlite-file', databasePath }, async () => false);
    expect(fresh.source).toMatchObject({ kind: 'key-file', created: true });
  });

  it('refuses a key file of the wrong length without printing it', async () => {
    const path = join(dir, 'encryption.key');
    const short = randomBytes(16).toString('base64');
    await writeFile(path, short, { mode: 0o600 });
    const attempt = resolveEncryptionKey(null, { kind: 'sqlite-file', databasePath: join(dir, 'db.sqlite') });
    await expect(attempt).rejects.toBeInstanceOf(EncryptionKeyError);
    await expect(attempt).rejects.not.toThrow(short);
  });

  it('reports a key file others can read', async () => {
    const path = join(dir, 'encryption.key');
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o644 });
    const resolved = await resolveEncryptionKey(null, {
      kind: 'sqlite-file',
      databasePath: join(dir, 'x.db'),
    });
    expect(resolved.source).toMatchObject({ kind: 'key-file', looseMode: true });
  });

  it('uses an ephemeral key for an in-memory database', async () => {
    const a = await resolveEncryptionKey(null, { kind: 'memory' });
    const b = await resolveEncryptionKey(null, { kind: 'memory' });
    expect(a.key.length).toBe(32);
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('decodes base64 and base64url keys of exactly 32 bytes only', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodeKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(decodeKey(randomBytes(31).toString('base64'))).toBeNull();
    expect(decodeKey('not base64 at all!')).toBeNull();
  });
});
