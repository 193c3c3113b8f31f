import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KEY_BYTES } from './secret-box.js';

export const KEY_FILE_NAME = 'encryption.key';

/** A key problem the operator must fix; the message names files and variables, never key bytes. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

export type KeyStore =
  /** PostgreSQL (or any shared store): replicas must share the key, so it must be configured. */
  | { readonly kind: 'shared' }
  /** The embedded SQLite file: a key file next to it is generated when no key is configured. */
  | { readonly kind: 'sqlite-file'; readonly databasePath: string }
  /** An in-memory database: its secrets die with the process, so an ephemeral key is enough. */
  | { readonly kind: 'memory' };

export type KeySource =
  | { readonly kind: 'configured' }
  | {
      readonly kind: 'key-file';
      readonly path: string;
      readonly created: boolean;
      readonly looseMode: boolean;
    }
  | { readonly kind: 'ephemeral' };

export interface ResolvedKey {
  readonly key: Buffer;
  readonly source: KeySource;
}

/** Decodes a base64 (or base64url) key and checks it is exactly 32 bytes. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : null;
}

async function readKeyFile(path: string): Promise<{ key: Buffer; looseMode: boolean }> {
  const key = decodeKey(await readFile(path, 'utf8'));
  if (key === null) {
    throw new EncryptionKeyError(
      `The key file ${path} does not hold a ${KEY_BYTES}-byte base64 key; restore the original file or set ENCRYPTION_KEY`,
    );
  }
  const mode = (await stat(path)).mode & 0o777;
  return { key, looseMode: (mode & 0o077) !== 0 };
}

/** Creates the key file exclusively with 0600; false when another process created it first. */
async function createKeyFile(path: string, key: Buffer): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  // The umask can only remove bits, but a filesystem may ignore modes; check what we got.
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  if (((await stat(path)).mode & 0o077) !== 0) {
    throw new EncryptionKeyError(
      `Could not restrict ${path} to its owner (mode 0600); set ENCRYPTION_KEY instead`,
    );
  }
  return true;
}

/**
 * Picks the key that protects credentials at rest: ENCRYPTION_KEY when configured; otherwise, on
 * the embedded SQLite default, `encryption.key` next to the database file (generated on first start
 * and reused after). PostgreSQL requires ENCRYPTION_KEY because every replica must share it.
 * A missing key file is only generated when `sealedCredentialsExist` says nothing was sealed with
 * the old one: a new key would silently make every stored credential unreadable.
 */
export async function resolveEncryptionKey(
  configured: Buffer | null,
  store: KeyStore,
  sealedCredentialsExist: () => Promise<boolean> = async () => false,
): Promise<ResolvedKey> {
  if (configured !== null) {
    if (configured.length !== KEY_BYTES)
      throw new EncryptionKeyError(`ENCRYPTION_KEY must be ${KEY_BYTES} bytes`);
    return { key: configured, source: { kind: 'configured' } };
  }
  if (store.kind === 'shared') {
    throw new EncryptionKeyError(
      'ENCRYPTION_KEY is required with PostgreSQL (every replica must use the same key): generate one with `openssl rand -base64 32`',
    );
  }
  if (store.kind === 'memory') return { key: randomBytes(KEY_BYTES), source: { kind: 'ephemeral' } };

  const path = join(dirname(store.databasePath), KEY_FILE_NAME);
  try {
    const existing = await readKeyFile(path);
    return {
      key: existing.key,
      source: { kind: 'key-file', path, created: false, looseMode: existing.looseMode },
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (await sealedCredentialsExist()) {
    throw new EncryptionKeyError(
      `The key file ${path} is missing, but the database holds PSA credentials sealed with it, so no new key was generated. ` +
        'Restore the file (or set ENCRYPTION_KEY to the key it held). If that key is lost for good, set ENCRYPTION_KEY ' +
        'to a new key (`openssl rand -base64 32`) and run `/psa connect` again for each PSA.',
    );
  }
  const fresh = randomBytes(KEY_BYTES);
  if (await createKeyFile(path, fresh)) {
    return { key: fresh, source: { kind: 'key-file', path, created: true, looseMode: false } };
  }
  const raced = await readKeyFile(path);
  return { key: raced.key, source: { kind: 'key-file', path, created: false, looseMode: raced.looseMode } };
}
