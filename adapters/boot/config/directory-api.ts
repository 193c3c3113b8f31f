import { z } from 'zod';
import {
  type Env,
  integerVariable,
  parseSection,
  pickVariables,
  type SectionResult,
  switchVariable,
} from './section.js';

/** The read API and the webhooks (issue 13). */
export interface DirectoryApiConfig {
  /** API requests per minute per token (each replica). */
  readonly apiRateLimitPerMinute: number;
  /** Run the webhook dispatcher in this process. */
  readonly webhooksEnabled: boolean;
  /** Deliver to private, link-local and shared addresses (an internal receiver). */
  readonly webhookAllowPrivate: boolean;
  readonly webhookTimeoutMs: number;
  /** How long a claimed delivery stays with a dispatcher that may have died. */
  readonly webhookLeaseMs: number;
}

const VARIABLES = [
  'API_RATE_LIMIT_PER_MINUTE',
  'WEBHOOKS',
  'WEBHOOK_ALLOW_PRIVATE',
  'WEBHOOK_TIMEOUT_SECONDS',
  'WEBHOOK_LEASE_SECONDS',
] as const;

const schema = z.object({
  API_RATE_LIMIT_PER_MINUTE: integerVariable(1, 100_000, 'API_RATE_LIMIT_PER_MINUTE must be 1 to 100000')
    .optional()
    .transform((n) => n ?? 120),
  WEBHOOKS: switchVariable('WEBHOOKS')
    .optional()
    .transform((on) => on ?? true),
  WEBHOOK_ALLOW_PRIVATE: switchVariable('WEBHOOK_ALLOW_PRIVATE')
    .optional()
    .transform((on) => on ?? false),
  WEBHOOK_TIMEOUT_SECONDS: integerVariable(1, 60, 'WEBHOOK_TIMEOUT_SECONDS must be 1 to 60')
    .optional()
    .transform((s) => (s ?? 10) * 1000),
  WEBHOOK_LEASE_SECONDS: integerVariable(1, 3600, 'WEBHOOK_LEASE_SECONDS must be 1 to 3600')
    .optional()
    .transform((s) => (s ?? 60) * 1000),
});

export function parseDirectoryApiConfig(env: Env): SectionResult<DirectoryApiConfig> {
  const parsed = parseSection(schema, pickVariables(env, VARIABLES));
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      apiRateLimitPerMinute: v.API_RATE_LIMIT_PER_MINUTE,
      webhooksEnabled: v.WEBHOOKS,
      webhookAllowPrivate: v.WEBHOOK_ALLOW_PRIVATE,
      webhookTimeoutMs: v.WEBHOOK_TIMEOUT_SECONDS,
      webhookLeaseMs: v.WEBHOOK_LEASE_SECONDS,
    },
  };
}
