import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = './data/psa-import.db';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string | ':memory:' }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/**
 * Reads DATABASE_URL: `postgres://…` / `postgresql://…`, or SQLite as a plain path, `sqlite:path`,
 * `sqlite:///absolute/path`, `file:path`, `file:///absolute/path` or `:memory:`. Empty means the
 * embedded default. Relative paths resolve against `cwd`.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const value = url.trim() === '' ? DEFAULT_DATABASE_URL : url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    // Checked here so that no parser's error (which quotes its input) carries the password.
    if (!URL.canParse(value)) throw new Error('DATABASE_URL is not a valid PostgreSQL URL');
    return { dialect: 'postgres', connectionString: value };
  }

  let path = value;
  if (/^sqlite:/i.test(path)) path = path.slice('sqlite:'.length).replace(/^\/\//, '');
  else if (/^file:\/\//i.test(path)) path = fileURLToPath(path);
  else if (/^file:/i.test(path)) path = path.slice('file:'.length);

  if (path === ':memory:') return { dialect: 'sqlite', path };
  if (path === '') throw new Error('DATABASE_URL names no SQLite file');
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
