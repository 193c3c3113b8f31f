import { z } from 'zod';
import type { ChatPlatform } from '../../../src/domain/chat-identity.js';
import { domainOf } from '../../../src/domain/company-domains.js';
import { Secret } from '../../../src/domain/secret.js';
import { decodeKey } from '../../crypto/encryption-key.js';
import { CONNECTWISE_DEFAULTS } from '../../psa/connectwise/connectwise-provider.js';
import {
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from '../../storage/database-url.js';
import {
  type Env,
  integerVariable,
  parseSection,
  pickVariables,
  positiveNumberVariable,
  type SectionResult,
  switchVariable,
} from './section.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface BootstrapAdmin {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
  readonly userId: string;
  readonly displayName: string;
}

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres' };

export interface CoreConfig {
  /** Passed to openStorage; a PostgreSQL URL may carry a password. */
  readonly databaseUrl: Secret<string>;
  readonly database: DatabaseConfig;
  /** DATABASE_URL with any password masked, for logs and banners. */
  readonly databaseLabel: string;
  readonly encryptionKey: Secret<Buffer> | null;
  readonly logLevel: LogLevelName;
  /** LOG_FILE, or null: servers log to stdout, the terminal chat to `<data dir>/psa-import.log`. */
  readonly logFile: string | null;
  readonly bootstrapAdmins: readonly BootstrapAdmin[];
  readonly approvalPolicy: 'second-admin' | 'self';
  readonly lockTtlMs: number;
  readonly approvalTtlMs: number;
  readonly port: number;
  readonly host: string;
  /** `auto`: the sandbox PSAs only when no Slack or Teams credentials are configured. */
  readonly sandboxPsa: 'on' | 'off' | 'auto';
  readonly psaTimeoutMs: number;
  readonly psaConcurrency: number;
  /** PostgreSQL only: connect (TCP, TLS, login) and statement timeouts. */
  readonly databaseConnectTimeoutMs: number;
  readonly databaseStatementTimeoutMs: number;
  /** Largest PSA response body read, in bytes (PSA_MAX_BODY_MB). */
  readonly psaMaxBodyBytes: number;
  /** Issue 11: MSP_OWN_DOMAINS, never a same-domain match (lower case, no `www.`). */
  readonly ownDomains: readonly string[];
}

const VARIABLES = [
  'DATABASE_URL',
  'ENCRYPTION_KEY',
  'LOG_LEVEL',
  'LOG_FILE',
  'BOOTSTRAP_ADMINS',
  'APPROVAL_POLICY',
  'LOCK_TTL_MINUTES',
  'APPROVAL_TTL_HOURS',
  'PORT',
  'HOST',
  'SANDBOX_PSA',
  'PSA_TIMEOUT_SECONDS',
  'PSA_CONCURRENCY',
  'DATABASE_CONNECT_TIMEOUT_SECONDS',
  'DATABASE_STATEMENT_TIMEOUT_SECONDS',
  'PSA_MAX_BODY_MB',
  'MSP_OWN_DOMAINS',
] as const;

const PLATFORMS: readonly ChatPlatform[] = ['slack', 'teams', 'terminal'];
const ADMINS_HINT =
  'BOOTSTRAP_ADMINS entries are platform:workspaceId:userId[:Display Name], comma-separated';

export function parseBootstrapAdmins(text: string): BootstrapAdmin[] | null {
  const admins: BootstrapAdmin[] = [];
  for (const entry of text.split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const [platform = '', workspaceId = '', userId = '', ...rest] = trimmed.split(':');
    const displayName = rest.join(':').trim();
    if (!PLATFORMS.includes(platform as ChatPlatform) || workspaceId.trim() === '' || userId.trim() === '')
      return null;
    admins.push({
      platform: platform as ChatPlatform,
      workspaceId: workspaceId.trim(),
      userId: userId.trim(),
      displayName: displayName === '' ? userId.trim() : displayName,
    });
  }
  return admins;
}

function schema(cwd: string) {
  return z.object({
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .transform((value, ctx) => {
        try {
          const target = parseDatabaseUrl(value, cwd);
          const database: DatabaseConfig =
            target.dialect === 'sqlite' ? { dialect: 'sqlite', path: target.path } : { dialect: 'postgres' };
          return { url: new Secret(value), database, label: redactDatabaseUrl(value) };
        } catch (error) {
          // Our own words only (they never quote the value); anything else gets the general rule.
          const message =
            error instanceof DatabaseUrlError
              ? error.message
              : 'DATABASE_URL must be a SQLite file path or a postgres:// URL';
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
      }),
    ENCRYPTION_KEY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return null;
        const key = decodeKey(value);
        if (key !== null) return new Secret(key);
        ctx.addIssue({
          code: 'custom',
          message: 'ENCRYPTION_KEY must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)',
        });
        return z.NEVER;
      }),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    LOG_FILE: z.string().optional(),
    BOOTSTRAP_ADMINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const admins = parseBootstrapAdmins(value);
        if (admins !== null) return admins;
        ctx.addIssue({ code: 'custom', message: ADMINS_HINT });
        return z.NEVER;
      }),
    APPROVAL_POLICY: z
      .enum(['second-admin', 'self'], { error: 'APPROVAL_POLICY must be second-admin or self' })
      .default('second-admin'),
    LOCK_TTL_MINUTES: positiveNumberVariable(
      24 * 60,
      'LOCK_TTL_MINUTES must be a number of minutes (1 to 1440)',
    )
      .optional()
      .transform((minutes) => (minutes ?? 30) * 60_000),
    APPROVAL_TTL_HOURS: positiveNumberVariable(
      24 * 30,
      'APPROVAL_TTL_HOURS must be a number of hours (1 to 720)',
    )
      .optional()
      .transform((hours) => (hours ?? 24) * 3_600_000),
    PORT: integerVariable(0, 65_535, 'PORT must be a port number (0 to 65535)')
      .optional()
      .transform((port) => port ?? 3000),
    HOST: z.string().default('0.0.0.0'),
    SANDBOX_PSA: switchVariable('SANDBOX_PSA')
      .optional()
      .transform((on) => (on === undefined ? 'auto' : on ? 'on' : 'off')),
    PSA_TIMEOUT_SECONDS: positiveNumberVariable(
      600,
      'PSA_TIMEOUT_SECONDS must be a number of seconds (1 to 600)',
    )
      .optional()
      .transform((seconds) => (seconds ?? 30) * 1000),
    PSA_CONCURRENCY: integerVariable(1, 32, 'PSA_CONCURRENCY must be a whole number from 1 to 32')
      .optional()
      .transform((count) => count ?? CONNECTWISE_DEFAULTS.concurrency),
    DATABASE_CONNECT_TIMEOUT_SECONDS: positiveNumberVariable(
      600,
      'DATABASE_CONNECT_TIMEOUT_SECONDS must be a number of seconds (up to 600)',
    )
      .optional()
      .transform((seconds) => Math.round((seconds ?? 10) * 1000)),
    DATABASE_STATEMENT_TIMEOUT_SECONDS: positiveNumberVariable(
      3600,
      'DATABASE_STATEMENT_TIMEOUT_SECONDS must be a number of seconds (up to 3600)',
    )
      .optional()
      .transform((seconds) => Math.round((seconds ?? 60) * 1000)),
    // A 1,000-contact page is 1-3 MB; the default leaves ten times that as headroom.
    PSA_MAX_BODY_MB: integerVariable(
      1,
      1024,
      'PSA_MAX_BODY_MB must be a whole number of megabytes (1 to 1024)',
    )
      .optional()
      .transform((mb) => (mb ?? 32) * 1024 * 1024),
    MSP_OWN_DOMAINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const words = value.split(/[\s,]+/).filter((word) => word !== '');
        const domains = words.map(domainOf);
        if (domains.every((domain) => domain !== null)) return [...new Set(domains)];
        ctx.addIssue({
          code: 'custom',
          message: 'MSP_OWN_DOMAINS must be domains separated by commas, e.g. msp.example,msp-it.example',
        });
        return z.NEVER;
      }),
  });
}

export function parseCoreConfig(env: Env, cwd: string = process.cwd()): SectionResult<CoreConfig> {
  const input = pickVariables(env, VARIABLES);
  const parsed = parseSection(schema(cwd), input);
  // Checked beside the schema, not in a refinement, so it is reported along with every other issue.
  const isPostgres = /^postgres(ql)?:\/\//i.test(input.DATABASE_URL ?? '');
  if (isPostgres && input.ENCRYPTION_KEY === undefined) {
    const issue = {
      variable: 'ENCRYPTION_KEY',
      problem: 'ENCRYPTION_KEY is required with PostgreSQL (every replica must share it)',
    };
    return { ok: false, issues: [...(parsed.ok ? [] : parsed.issues), issue] };
  }
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      databaseUrl: v.DATABASE_URL.url,
      database: v.DATABASE_URL.database,
      databaseLabel: v.DATABASE_URL.label,
      encryptionKey: v.ENCRYPTION_KEY,
      logLevel: v.LOG_LEVEL,
      logFile: v.LOG_FILE ?? null,
      bootstrapAdmins: v.BOOTSTRAP_ADMINS,
      approvalPolicy: v.APPROVAL_POLICY,
      lockTtlMs: v.LOCK_TTL_MINUTES,
      approvalTtlMs: v.APPROVAL_TTL_HOURS,
      port: v.PORT,
      host: v.HOST,
      sandboxPsa: v.SANDBOX_PSA,
      psaTimeoutMs: v.PSA_TIMEOUT_SECONDS,
      psaConcurrency: v.PSA_CONCURRENCY,
      databaseConnectTimeoutMs: v.DATABASE_CONNECT_TIMEOUT_SECONDS,
      databaseStatementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_SECONDS,
      psaMaxBodyBytes: v.PSA_MAX_BODY_MB,
      ownDomains: v.MSP_OWN_DOMAINS,
    },
  };
}
