import { z } from 'zod';
import { canonicalTimeZone } from '../../../src/domain/schedule.js';
import { type Env, integerVariable, parseSection, pickVariables, type SectionResult } from './section.js';

/** The change digest (issue 14). */
export interface DigestConfig {
  /**
   * Percent of a PSA's request budget one digest may use: of Autotask's 10,000 requests an hour
   * and of an hour of Halo's rolling window. A digest that would go further stops with the
   * budget error and is tried again at its next slot.
   */
  readonly requestSharePercent: number;
  /** The zone a schedule gets when the admin names none (IANA name, checked with Intl). */
  readonly defaultTimeZone: string;
  /** How often the scheduler looks for due digests. */
  readonly checkIntervalMs: number;
}

const VARIABLES = ['DIGEST_REQUEST_SHARE_PERCENT', 'DIGEST_TIME_ZONE', 'DIGEST_CHECK_SECONDS'] as const;

const schema = z.object({
  DIGEST_REQUEST_SHARE_PERCENT: integerVariable(
    1,
    100,
    'DIGEST_REQUEST_SHARE_PERCENT must be a whole percentage from 1 to 100',
  )
    .optional()
    .transform((percent) => percent ?? 25),
  DIGEST_TIME_ZONE: z
    .string()
    .optional()
    .transform((zone, ctx) => {
      const canonical = canonicalTimeZone(zone ?? 'UTC');
      if (canonical !== null) return canonical;
      ctx.addIssue({
        code: 'custom',
        message: 'DIGEST_TIME_ZONE must be an IANA time zone such as Europe/Berlin',
      });
      return z.NEVER;
    }),
  DIGEST_CHECK_SECONDS: integerVariable(5, 3600, 'DIGEST_CHECK_SECONDS must be 5 to 3600')
    .optional()
    .transform((seconds) => (seconds ?? 60) * 1000),
});

export function parseDigestConfig(env: Env): SectionResult<DigestConfig> {
  const parsed = parseSection(schema, pickVariables(env, VARIABLES));
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      requestSharePercent: parsed.value.DIGEST_REQUEST_SHARE_PERCENT,
      defaultTimeZone: parsed.value.DIGEST_TIME_ZONE,
      checkIntervalMs: parsed.value.DIGEST_CHECK_SECONDS,
    },
  };
}
