/**
 * Why the database could not be used, read from what the driver threw. Only PostgreSQL has a
 * server to lose; SQLite's failures (a full disk, a corrupt file) are not outages and stay
 * unclassified.
 */
export type DatabaseFailureKind = 'unreachable' | 'authentication' | 'unknown_database' | 'timeout' | 'lost';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE']);
/** SQLSTATEs: 28P01 invalid_password, 28000 invalid_authorization_specification (unknown role). */
const AUTH_SQLSTATES = new Set(['28P01', '28000']);
/** 57P01-03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections. */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg's own errors carry no code; these are its words for a connect or query timeout. */
const TIMEOUT_MESSAGES = [/timeout expired/i, /connection timeout/i, /query read timeout/i];
const LOST_MESSAGES = [/connection terminated/i, /connection ended/i, /not queryable/i];

function own(error: unknown): DatabaseFailureKind | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (AUTH_SQLSTATES.has(code)) return 'authentication';
  if (code === '3D000') return 'unknown_database';
  // 57014 query_canceled: what statement_timeout raises.
  if (code === '57014' || code === 'ETIMEDOUT' || TIMEOUT_MESSAGES.some((pattern) => pattern.test(message)))
    return 'timeout';
  if (LOST_CODES.has(code) || LOST_SQLSTATES.has(code) || code.startsWith('08')) return 'lost';
  if (LOST_MESSAGES.some((pattern) => pattern.test(message))) return 'lost';
  return null;
}

/**
 * The kind of outage behind `error`, looking through `cause` chains and AggregateErrors (a host
 * name with both IPv4 and IPv6 addresses fails with one error per address); null when the error is
 * not about reaching the database.
 */
export function classifyDatabaseFailure(error: unknown, depth = 0): DatabaseFailureKind | null {
  if (depth > 5 || typeof error !== 'object' || error === null) return null;
  const kind = own(error);
  if (kind !== null) return kind;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = classifyDatabaseFailure(inner, depth + 1);
      if (found !== null) return found;
    }
  }
  return 'cause' in error ? classifyDatabaseFailure(error.cause, depth + 1) : null;
}

const START_MESSAGES: Record<DatabaseFailureKind, string> = {
  unreachable:
    'Could not reach the PostgreSQL server in DATABASE_URL (connection refused or host not found): check the host and port, and that PostgreSQL is running',
  authentication:
    'PostgreSQL refused the user name or password in DATABASE_URL: check them, and that pg_hba.conf lets this host in',
  unknown_database:
    'The database named in DATABASE_URL does not exist on the PostgreSQL server: create it (createdb) or correct the name',
  timeout:
    'The PostgreSQL server in DATABASE_URL did not answer in time (DATABASE_CONNECT_TIMEOUT_SECONDS, DATABASE_STATEMENT_TIMEOUT_SECONDS): check the server and the network',
  lost: 'The PostgreSQL server in DATABASE_URL closed the connection or is not accepting connections: check the server, then start again',
};

/** The database could not be opened; the message names the cause and the variable, never the URL. */
export class DatabaseUnavailableError extends Error {
  readonly kind: DatabaseFailureKind;

  constructor(kind: DatabaseFailureKind, cause: unknown) {
    super(START_MESSAGES[kind], { cause });
    this.name = 'DatabaseUnavailableError';
    this.kind = kind;
  }
}
