import { describe, expect, it } from 'vitest';
import { parseTeamsConfig, TEAMS_DEFAULTS } from '../../../../adapters/boot/config/teams.js';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const credentials = { TEAMS_APP_ID: APP, TEAMS_APP_PASSWORD: 'secret-CANARY', TEAMS_TENANT_ID: TENANT };

describe('Teams configuration', () => {
  it('is off without credentials', () => {
    expect(parseTeamsConfig({})).toEqual({ ok: true, value: null });
  });

  it('validates tokens with the Microsoft defaults when the credentials are set', () => {
    const result = parseTeamsConfig(credentials);
    if (!result.ok || result.value === null) throw new Error('expected a configuration');
    expect(result.value).toMatchObject({
      appId: APP,
      tenantId: TENANT,
      allowUnauthenticated: false,
      allowedTenants: [TENANT],
      serviceUrlHosts: TEAMS_DEFAULTS.serviceUrlHosts,
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.com',
      loginAuthority: 'https://login.microsoftonline.com',
    });
    expect(result.value.appPassword?.reveal()).toBe('secret-CANARY');
    expect(JSON.stringify(result.value)).not.toContain('CANARY');
  });

  it('names every missing credential', () => {
    expect(parseTeamsConfig({ TEAMS_APP_ID: APP })).toEqual({
      ok: false,
      issues: [
        {
          variable: 'TEAMS_APP_PASSWORD',
          problem: 'TEAMS_APP_PASSWORD is required when Teams is configured',
        },
        { variable: 'TEAMS_TENANT_ID', problem: 'TEAMS_TENANT_ID is required when Teams is configured' },
      ],
    });
  });

  it('never turns validation off while a password is set', () => {
    const result = parseTeamsConfig({ ...credentials, TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('TEAMS_ALLOW_UNAUTHENTICATED');
  });

  it('has an unauthenticated local mode that serves any tenant unless told otherwise', () => {
    expect(parseTeamsConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'on' })).toMatchObject({
      ok: true,
      value: { allowUnauthenticated: true, appPassword: null, allowedTenants: null },
    });
  });

  it('takes its endpoints and lists from the environment, and refuses malformed ones without echoing them', () => {
    const result = parseTeamsConfig({
      ...credentials,
      TEAMS_SERVICE_URL_HOSTS: '127.0.0.1, *.example.com',
      TEAMS_ALLOWED_TENANTS: `${TENANT},0d0e0f10-1111-4222-8333-444455556666`,
      TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      TEAMS_LOGIN_AUTHORITY: 'http://127.0.0.1:9',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        serviceUrlHosts: ['127.0.0.1', '*.example.com'],
        allowedTenants: [TENANT, '0d0e0f10-1111-4222-8333-444455556666'],
      },
    });
    const bad = parseTeamsConfig({
      ...credentials,
      TEAMS_SERVICE_URL_HOSTS: 'https://evil.example/x',
      TEAMS_OPENID_METADATA_URL: 'https://login.example/keys',
      TEAMS_ALLOWED_TENANTS: 'not-a-guid',
    });
    expect(bad.ok).toBe(false);
    const variables = bad.ok ? [] : bad.issues.map((issue) => issue.variable);
    expect(variables).toEqual([
      'TEAMS_ALLOWED_TENANTS',
      'TEAMS_SERVICE_URL_HOSTS',
      'TEAMS_OPENID_METADATA_URL',
    ]);
    expect(JSON.stringify(bad)).not.toContain('evil');
  });
});
