/**
 * What the logger never writes. Two layers next to the Secret<T> wrapper: pino's path redaction
 * for the shapes we know (HTTP headers, credential records), and a key-name scrub of every logged
 * object for the shapes we did not foresee. Values are replaced, keys are kept so logs still show
 * that a header or field was there.
 */
export const REDACTED = '[redacted]';

/** Field names that hold secrets, compared case-insensitively and ignoring `-` and `_`. */
const SECRET_KEYS = [
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'privatekey',
  'publickey',
  'secret',
  'clientsecret',
  'signingsecret',
  'password',
  'apppassword',
  'passwd',
  'token',
  'accesstoken',
  'refreshtoken',
  'bottoken',
  'apptoken',
  'idtoken',
  'apiintegrationcode',
  'integrationcode',
  'credentials',
  'encryptionkey',
  'sealedcredentials',
  'xslacksignature',
  'databaseurl',
  'connectionstring',
];

const SECRET_KEY_SET = new Set(SECRET_KEYS);

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_SET.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Spellings as they appear on the wire and in our records, for pino's path redaction. */
const PATH_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'privateKey',
  'publicKey',
  'secret',
  'Secret',
  'password',
  'token',
  'botToken',
  'appToken',
  'ApiIntegrationCode',
  'apiIntegrationCode',
  'integrationCode',
  'credentials',
  'encryptionKey',
  'sealedCredentials',
];

export function redactionPaths(): string[] {
  const paths: string[] = [];
  for (const key of PATH_KEYS) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    paths.push(segment, `*.${segment}`, `*.*.${segment}`);
  }
  for (const prefix of ['headers', 'req.headers', 'request.headers', 'res.headers', 'response.headers']) {
    paths.push(`${prefix}.authorization`, `${prefix}.cookie`, `${prefix}["x-slack-signature"]`);
    paths.push(`${prefix}.apiintegrationcode`, `${prefix}.secret`);
  }
  paths.push('credentials.*', '*.credentials.*');
  return paths;
}

const MAX_DEPTH = 8;

/**
 * Returns a copy of `value` with every secret-named field replaced. Deep but bounded, and careful
 * with cycles, so a log call can never hang or throw because of what it was handed.
 */
export function scrubSecrets(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1, seen));
  // Secret<T> and Date serialise themselves safely; keep them as they are.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : scrubSecrets(inner, depth + 1, seen);
  }
  return copy;
}
