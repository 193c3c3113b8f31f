import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseBootstrapAdmins } from '../../../../adapters/boot/config/core.js';
import {
  ConfigError,
  hasChatCredentials,
  loadConfig,
  usesSandboxPsa,
} from '../../../../adapters/boot/config/load.js';
import { CONNECTWISE_DEFAULTS } from '../../../../adapters/psa/connectwise/connectwise-provider.js';
import { thrown } from '../../../support/thrown.js';

const KEY = randomBytes(32).toString('base64');

function configError(env: Record<string, string>): ConfigError {
  return thrown(() => loadConfig(env, '/srv/app'), ConfigError);
}

describe('configuration', () => {
  it('has working defaults for the embedded setup', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.core.database).toEqual({ dialect: 'sqlite', path: '/srv/app/data/psa-import.db' });
    expect(config.core).toMatchObject({
      encryptionKey: null,
      logLevel: 'info',
      logFile: null,
      bootstrapAdmins: [],
      approvalPolicy: 'second-admin',
      lockTtlMs: 30 * 60_000,
      approvalTtlMs: 24 * 3_600_000,
      port: 3000,
      host: '0.0.0.0',
      sandboxPsa: 'auto',
      // ConnectWise's own default, one value for the bot and the bench.
      psaConcurrency: CONNECTWISE_DEFAULTS.concurrency,
    });
    expect(CONNECTWISE_DEFAULTS.concurrency).toBe(5);
    expect(config.slack).toBeNull();
    expect(config.teams).toBeNull();
    expect(hasChatCredentials(config)).toBe(false);
    expect(usesSandboxPsa(config)).toBe(true);
  });

  it('reads every variable it knows', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://bot:pw@db.internal/psa',
        ENCRYPTION_KEY: KEY,
        LOG_LEVEL: 'debug',
        BOOTSTRAP_ADMINS:
          'slack:T0123:U0456, teams:11111111-2222-3333-4444-555555555555:abc:Ann Lee,terminal:local:alice',
        APPROVAL_POLICY: 'self',
        LOCK_TTL_MINUTES: '5',
        APPROVAL_TTL_HOURS: '2',
        PORT: '8080',
        HOST: '127.0.0.1',
        SANDBOX_PSA: 'off',
        SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef',
        SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      },
      '/srv/app',
    );
    expect(config.core.database).toEqual({ dialect: 'postgres' });
    expect(config.core.databaseLabel).not.toContain('pw');
    expect(config.core.encryptionKey?.reveal().equals(Buffer.from(KEY, 'base64'))).toBe(true);
    expect(config.core.bootstrapAdmins).toEqual([
      { platform: 'slack', workspaceId: 'T0123', userId: 'U0456', displayName: 'U0456' },
      {
        platform: 'teams',
        workspaceId: '11111111-2222-3333-4444-555555555555',
        userId: 'abc',
        displayName: 'Ann Lee',
      },
      { platform: 'terminal', workspaceId: 'local', userId: 'alice', displayName: 'alice' },
    ]);
    expect(config.core).toMatchObject({
      approvalPolicy: 'self',
      lockTtlMs: 300_000,
      approvalTtlMs: 7_200_000,
      port: 8080,
      sandboxPsa: 'off',
    });
    expect(config.slack?.botToken.reveal()).toBe('xoxb-1-2-3');
    expect(hasChatCredentials(config)).toBe(true);
    expect(usesSandboxPsa(config)).toBe(false);
  });

  it('names every bad variable in one error', () => {
    const error = configError({
      ENCRYPTION_KEY: 'dG9vIHNob3J0',
      LOG_LEVEL: 'loud',
      BOOTSTRAP_ADMINS: 'irc:x:y',
      APPROVAL_POLICY: 'nobody',
      LOCK_TTL_MINUTES: 'soon',
      APPROVAL_TTL_HOURS: '-1',
      PORT: '70000',
      SANDBOX_PSA: 'maybe',
      SLACK_BOT_TOKEN: 'xoxb-only-half',
      TEAMS_APP_ID: 'not-a-guid',
    });
    const names = error.issues.map((issue) => issue.variable).sort();
    expect(names).toEqual(
      [
        'APPROVAL_POLICY',
        'APPROVAL_TTL_HOURS',
        'BOOTSTRAP_ADMINS',
        'ENCRYPTION_KEY',
        'LOCK_TTL_MINUTES',
        'LOG_LEVEL',
        'PORT',
        'SANDBOX_PSA',
        'SLACK_SIGNING_SECRET',
        'TEAMS_APP_ID',
      ].sort(),
    );
    for (const name of names) expect(error.message).toContain(name);
  });

  it('requires ENCRYPTION_KEY with PostgreSQL, alongside other problems', () => {
    const error = configError({ DATABASE_URL: 'postgresql://db/psa', PORT: 'x' });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['ENCRYPTION_KEY', 'PORT']);
  });

  it('never echoes a value, secret or not', () => {
    const secrets = {
      ENCRYPTION_KEY: 'c2VjcmV0LWtleS10aGF0LWlzLXRvby1zaG9ydA==',
      SLACK_SIGNING_SECRET: 'not-hex-SUPERSECRET',
      SLACK_BOT_TOKEN: 'xoxp-SUPERSECRET-user-token',
      TEAMS_APP_PASSWORD: 'SUPERSECRET-password',
      TEAMS_APP_ID: 'SUPERSECRET-id',
      DATABASE_URL: 'postgres://u:SUPERSECRET@h/db',
    };
    const error = configError(secrets);
    for (const value of Object.values(secrets)) expect(error.message).not.toContain(value);
    expect(error.message).not.toContain('SUPERSECRET');
  });

  it.each(['postgress://u:SUPERSECRET@h/db', 'postgresql//u:SUPERSECRET@h/db', 'mysql://SUPERSECRET@h'])(
    'names DATABASE_URL for the typo %j, never its value',
    (url) => {
      const error = configError({ DATABASE_URL: url });
      expect(error.issues.map((issue) => issue.variable)).toEqual(['DATABASE_URL']);
      expect(error.message).toContain('DATABASE_URL must be a SQLite file path');
      expect(error.message).not.toContain('SUPERSECRET');
    },
  );

  it('reads MSP_OWN_DOMAINS as domains and refuses anything else', () => {
    expect(loadConfig({}, '/srv/app').core.ownDomains).toEqual([]);
    const config = loadConfig({ MSP_OWN_DOMAINS: 'https://www.MSP.example, msp-it.example' }, '/srv/app');
    expect(config.core.ownDomains).toEqual(['msp.example', 'msp-it.example']);
    const error = configError({ MSP_OWN_DOMAINS: 'msp.example,not a domain' });
    expect(error.issues.map((issue) => issue.variable)).toEqual(['MSP_OWN_DOMAINS']);
  });

  it('treats blank variables as unset', () => {
    const config = loadConfig({ PORT: '', SLACK_BOT_TOKEN: '  ', LOG_LEVEL: '' }, '/srv/app');
    expect(config.core.port).toBe(3000);
    expect(config.slack).toBeNull();
  });

  it('asks for the missing half of Slack and Teams credentials by name', () => {
    const error = configError({ SLACK_SIGNING_SECRET: 'abcdef0123456789', TEAMS_APP_PASSWORD: 'pw' });
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'SLACK_BOT_TOKEN',
      'TEAMS_APP_ID',
      'TEAMS_TENANT_ID',
    ]);
  });

  it('serves Teams unauthenticated only when asked to', () => {
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'on' }, '/').teams).toMatchObject({
      appId: null,
      appPassword: null,
      allowUnauthenticated: true,
    });
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'off' }, '/').teams).toBeNull();
  });

  it('parses bootstrap admins with colons in display names and rejects bad entries', () => {
    expect(parseBootstrapAdmins('terminal:local:bob:Bob: the approver')).toEqual([
      { platform: 'terminal', workspaceId: 'local', userId: 'bob', displayName: 'Bob: the approver' },
    ]);
    expect(parseBootstrapAdmins('slack:T1')).toBeNull();
    expect(parseBootstrapAdmins('')).toEqual([]);
  });
});
