import { describe, expect, it } from 'vitest';
import {
  DatabaseUrlError,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from '../../../adapters/storage/database-url.js';

describe('parseDatabaseUrl', () => {
  it.each([
    ['', '/srv/app/data/psa-import.db'],
    ['./data/x.db', '/srv/app/data/x.db'],
    ['x.db', '/srv/app/x.db'],
    ['/var/lib/psa/x.db', '/var/lib/psa/x.db'],
    ['sqlite:./x.db', '/srv/app/x.db'],
    ['sqlite:///var/lib/psa/x.db', '/var/lib/psa/x.db'],
    ['file:x.db', '/srv/app/x.db'],
    ['file:///var/lib/psa/x.db', '/var/lib/psa/x.db'],
  ])('reads %j as the SQLite file %s', (url, path) => {
    expect(parseDatabaseUrl(url, '/srv/app')).toEqual({ dialect: 'sqlite', path });
  });

  it.each([':memory:', 'sqlite::memory:'])('reads %j as an in-memory SQLite database', (url) => {
    expect(parseDatabaseUrl(url, '/srv/app')).toEqual({ dialect: 'sqlite', path: ':memory:' });
  });

  it.each(['postgres://u:p@db:5432/psa', 'postgresql://db/psa?sslmode=require'])(
    'reads %j as PostgreSQL',
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ dialect: 'postgres', connectionString: url });
    },
  );

  it('rejects a malformed PostgreSQL URL without quoting it', () => {
    const failure = (() => {
      try {
        parseDatabaseUrl('postgres://psa:canary-pw@[bad/psa');
        return null;
      } catch (error) {
        return error as Error;
      }
    })();
    expect(failure?.message).toMatch(/not a valid PostgreSQL URL/);
    expect(JSON.stringify(failure)).not.toContain('canary-pw');
    expect(String(failure?.cause)).not.toContain('canary-pw');
  });

  it.each([
    'postgress://u:CANARYPW@host/db',
    'postgres:/u:CANARYPW@host/db',
    'postgresql//u:CANARYPW@host/db',
    'postgres//u:CANARYPW@host/db',
    'mysql://u:CANARYPW@host/db',
    'mariadb://CANARYPW@host/db',
    'https://CANARYPW@host/db',
    'redis:CANARYPW',
  ])('refuses %j instead of reading it as a SQLite path, without echoing it', (url) => {
    let failure: unknown = null;
    try {
      parseDatabaseUrl(url, '/srv/app');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DatabaseUrlError);
    expect((failure as Error).message).toMatch(/^DATABASE_URL must be/);
    expect((failure as Error).message).not.toContain('CANARYPW');
  });

  it.each([
    ['data/postgres/x.db', '/srv/app/data/postgres/x.db'],
    ['C:/psa/x.db', '/srv/app/C:/psa/x.db'],
  ])('still reads the path %j as a path', (url, path) => {
    expect(parseDatabaseUrl(url, '/srv/app')).toEqual({ dialect: 'sqlite', path });
  });

  it('rejects a SQLite URL without a path, without echoing the URL', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/names no SQLite file/);
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and password-like parameters', () => {
    const redacted = redactDatabaseUrl(
      'postgres://psa:hunter2@db:5432/psa?sslpassword=s3cret&sslmode=require',
    );
    expect(redacted).not.toMatch(/hunter2|s3cret/);
    expect(redacted).toContain('psa:***@db:5432/psa');
    expect(redacted).toContain('sslmode=require');
  });

  it('leaves URLs without a password and plain paths alone', () => {
    expect(redactDatabaseUrl('postgres://db/psa')).toBe('postgres://db/psa');
    expect(redactDatabaseUrl('./data/psa-import.db')).toBe('./data/psa-import.db');
  });

  it('shows only the scheme of a URL it cannot parse', () => {
    expect(redactDatabaseUrl('postgres://us er:hunter2@[bad/psa')).toBe('postgres://***');
  });
});
