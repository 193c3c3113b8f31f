import { freeLicences, type LicencePool } from './directory.js';
import type { LicenceCheck, Plan } from './plan-model.js';

/** Every new managed user uses one licence; kept and mapped users already have theirs. */
export function checkLicences(plan: Pick<Plan, 'counts'>, pool: LicencePool): LicenceCheck {
  const needed = plan.counts.usersGrant;
  const free = freeLicences(pool);
  return { needed, free, enough: needed <= free };
}
