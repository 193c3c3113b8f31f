import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = './data/psa-import.db';

/** DATABASE_URL is not something we can open; the message never quotes the value (it may hold a password). */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
/** `scheme:` as URLs start, but not a Windows drive (`C:\…`). */
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]+:/i;
/** `postgresql//host/db`: a scheme that lost its colon. No sensible relative path starts like it. */
const SCHEME_WITHOUT_COLON = /^[a-z][a-z0-9+.-]*\/\//i;

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string | ':memory:' }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/**
 * Reads DATABASE_URL: `postgres://…` / `postgresql://…`, or SQLite as a plain path, `sqlite:path`,
 * `sqlite:///absolute/path`, `file:path`, `file:///absolute/path` or `:memory:`. Empty means the
 * embedded default. Relative paths resolve against `cwd`. Anything else that looks like a URL
 * (`postgress://`, `postgres:/x`, `postgresql//x`, `mysql://x`) is refused: read as a path, a typo
 * would quietly create a private SQLite database, and a folder named after the password.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const value = url.trim() === '' ? DEFAULT_DATABASE_URL : url.trim();
  if (POSTGRES_URL.test(value)) {
    // Checked here so that no parser's error (which quotes its input) carries the password.
    if (!URL.canParse(value)) throw new DatabaseUrlError('DATABASE_URL is not a valid PostgreSQL URL');
    return { dialect: 'postgres', connectionString: value };
  }

  let path = value;
  if (/^sqlite:/i.test(path)) path = path.slice('sqlite:'.length).replace(/^\/\//, '');
  else if (/^file:\/\//i.test(path)) path = fileURLToPath(path);
  else if (/^file:/i.test(path)) path = path.slice('file:'.length);
  else if (path !== ':memory:' && (SCHEME_PREFIX.test(path) || SCHEME_WITHOUT_COLON.test(path))) {
    throw new DatabaseUrlError(
      'DATABASE_URL must be a SQLite file path, a file: or sqlite: URL, or a postgres:// or postgresql:// URL',
    );
  }

  if (path === ':memory:') return { dialect: 'sqlite', path };
  if (path === '') throw new DatabaseUrlError('DATABASE_URL names no SQLite file');
  return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|secret|key/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    // An unparsable URL may still carry a password; show only its scheme.
    return `${url.split(':')[0] ?? 'unknown'}://***`;
  }
}
