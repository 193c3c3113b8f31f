import { z } from 'zod';
import { Secret } from '../../../src/domain/secret.js';
import { type Env, parseSection, pickVariables, type SectionResult, urlVariable } from './section.js';

/** Slack is served when the signing secret and bot token are set; the app token adds Socket Mode. */
export interface SlackConfig {
  readonly signingSecret: Secret<string>;
  readonly botToken: Secret<string>;
  /** Socket Mode (on-prem, dev) instead of the HTTP receiver. */
  readonly appToken: Secret<string> | null;
  /** Web API base URL; only tests point it elsewhere. */
  readonly apiUrl: string | null;
}

const VARIABLES = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_API_URL'] as const;

const secret = (check: (value: string) => boolean, message: string) =>
  z
    .string()
    .refine(check, { error: message })
    .transform((value) => new Secret(value));

const schema = z.object({
  SLACK_SIGNING_SECRET: secret(
    (v) => /^[0-9a-f]{16,}$/i.test(v),
    'SLACK_SIGNING_SECRET must be the hex signing secret',
  ),
  SLACK_BOT_TOKEN: secret((v) => v.startsWith('xoxb-'), 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)'),
  SLACK_APP_TOKEN: secret((v) => v.startsWith('xapp-'), 'SLACK_APP_TOKEN must be an app-level token (xapp-…)')
    .optional()
    .transform((value) => value ?? null),
  SLACK_API_URL: urlVariable('SLACK_API_URL must be an http(s) URL')
    .optional()
    .transform((value) => value ?? null),
});

/** Null when no Slack variable is set; issues when they are set but incomplete or malformed. */
export function parseSlackConfig(env: Env): SectionResult<SlackConfig | null> {
  const input = pickVariables(env, VARIABLES);
  if (Object.values(input).every((value) => value === undefined)) return { ok: true, value: null };
  const parsed = parseSection(schema, input);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: parsed.issues.map((issue) =>
        input[issue.variable] === undefined
          ? { variable: issue.variable, problem: `${issue.variable} is required when Slack is configured` }
          : issue,
      ),
    };
  }
  const v = parsed.value;
  return {
    ok: true,
    value: {
      signingSecret: v.SLACK_SIGNING_SECRET,
      botToken: v.SLACK_BOT_TOKEN,
      appToken: v.SLACK_APP_TOKEN,
      apiUrl: v.SLACK_API_URL,
    },
  };
}
