import { z } from 'zod';
import { Secret } from '../../../src/domain/secret.js';
import { DEFAULT_SERVICE_URL_HOSTS } from '../../chat/teams/service-url.js';
import {
  type ConfigIssue,
  type Env,
  parseSection,
  pickVariables,
  type SectionResult,
  switchVariable,
  urlVariable,
} from './section.js';

/**
 * Teams is served when the bot's app id, password and tenant id are set; tokens are then always
 * validated. Without them, TEAMS_ALLOW_UNAUTHENTICATED=on serves it with token validation off,
 * for tests and local development only (never together with a password).
 */
export interface TeamsConfig {
  readonly appId: string | null;
  readonly appPassword: Secret<string> | null;
  readonly tenantId: string | null;
  readonly allowUnauthenticated: boolean;
  /** Bot Connector hosts the bot may call (the activity's serviceUrl must be one of them). */
  readonly serviceUrlHosts: readonly string[];
  /** Teams tenants served; null: any (unauthenticated mode without TEAMS_TENANT_ID). */
  readonly allowedTenants: readonly string[] | null;
  /** Where the Bot Framework signing keys are published (the SDK reads `…/keys` beside it). */
  readonly openIdMetadataUrl: string;
  readonly tokenIssuer: string;
  /** Entra authority the bot gets its own token from (client credentials). */
  readonly loginAuthority: string;
  readonly botScope: string;
}

export const TEAMS_DEFAULTS = {
  serviceUrlHosts: DEFAULT_SERVICE_URL_HOSTS,
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  loginAuthority: 'https://login.microsoftonline.com',
  botScope: 'https://api.botframework.com/.default',
} as const;

const VARIABLES = [
  'TEAMS_APP_ID',
  'TEAMS_APP_PASSWORD',
  'TEAMS_TENANT_ID',
  'TEAMS_ALLOW_UNAUTHENTICATED',
  'TEAMS_ALLOWED_TENANTS',
  'TEAMS_SERVICE_URL_HOSTS',
  'TEAMS_OPENID_METADATA_URL',
  'TEAMS_TOKEN_ISSUER',
  'TEAMS_LOGIN_AUTHORITY',
  'TEAMS_BOT_SCOPE',
] as const;
const CREDENTIALS = ['TEAMS_APP_ID', 'TEAMS_APP_PASSWORD', 'TEAMS_TENANT_ID'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[?::1\]?$/i;

function list(message: string, item: RegExp) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.length > 0 && entries.every((entry) => item.test(entry)), {
      error: message,
    });
}

const schema = z.object({
  TEAMS_APP_ID: z
    .string()
    .regex(GUID, { error: 'TEAMS_APP_ID must be the bot’s application (client) id, a GUID' })
    .optional(),
  TEAMS_APP_PASSWORD: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : new Secret(value))),
  TEAMS_TENANT_ID: z
    .string()
    .regex(GUID, { error: 'TEAMS_TENANT_ID must be the Entra tenant id, a GUID' })
    .optional(),
  TEAMS_ALLOW_UNAUTHENTICATED: switchVariable('TEAMS_ALLOW_UNAUTHENTICATED').optional(),
  TEAMS_ALLOWED_TENANTS: list(
    'TEAMS_ALLOWED_TENANTS must be tenant ids (GUIDs), comma-separated',
    GUID,
  ).optional(),
  TEAMS_SERVICE_URL_HOSTS: list(
    'TEAMS_SERVICE_URL_HOSTS must be host names (or *.domain), comma-separated',
    HOST,
  ).optional(),
  TEAMS_OPENID_METADATA_URL: urlVariable('TEAMS_OPENID_METADATA_URL must be an http(s) URL')
    .refine((value) => /\/openidconfiguration$/.test(value), {
      error: 'TEAMS_OPENID_METADATA_URL must end in /openidconfiguration',
    })
    .optional(),
  TEAMS_TOKEN_ISSUER: z.string().min(1).optional(),
  TEAMS_LOGIN_AUTHORITY: urlVariable('TEAMS_LOGIN_AUTHORITY must be an http(s) URL').optional(),
  TEAMS_BOT_SCOPE: z.string().min(1).optional(),
});

/** Null when Teams is not configured; issues when it is half configured or malformed. */
export function parseTeamsConfig(env: Env): SectionResult<TeamsConfig | null> {
  const input = pickVariables(env, VARIABLES);
  const parsed = parseSection(schema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const given = CREDENTIALS.filter((name) => input[name] !== undefined);
  const allowUnauthenticated = v.TEAMS_ALLOW_UNAUTHENTICATED ?? false;
  if (given.length === 0 && !allowUnauthenticated) return { ok: true, value: null };
  const issues: ConfigIssue[] = [];
  if (allowUnauthenticated && v.TEAMS_APP_PASSWORD !== undefined) {
    issues.push({
      variable: 'TEAMS_ALLOW_UNAUTHENTICATED',
      problem:
        'TEAMS_ALLOW_UNAUTHENTICATED cannot be on when TEAMS_APP_PASSWORD is set: with credentials, tokens are always validated',
    });
  } else if (!allowUnauthenticated && given.length < CREDENTIALS.length) {
    for (const variable of CREDENTIALS.filter((name) => input[name] === undefined)) {
      issues.push({ variable, problem: `${variable} is required when Teams is configured` });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const tenantId = v.TEAMS_TENANT_ID ?? null;
  return {
    ok: true,
    value: {
      appId: v.TEAMS_APP_ID ?? null,
      appPassword: v.TEAMS_APP_PASSWORD ?? null,
      tenantId,
      allowUnauthenticated,
      serviceUrlHosts: v.TEAMS_SERVICE_URL_HOSTS ?? TEAMS_DEFAULTS.serviceUrlHosts,
      allowedTenants: v.TEAMS_ALLOWED_TENANTS ?? (tenantId === null ? null : [tenantId]),
      openIdMetadataUrl: v.TEAMS_OPENID_METADATA_URL ?? TEAMS_DEFAULTS.openIdMetadataUrl,
      tokenIssuer: v.TEAMS_TOKEN_ISSUER ?? TEAMS_DEFAULTS.tokenIssuer,
      loginAuthority: v.TEAMS_LOGIN_AUTHORITY ?? TEAMS_DEFAULTS.loginAuthority,
      botScope: v.TEAMS_BOT_SCOPE ?? TEAMS_DEFAULTS.botScope,
    },
  };
}
