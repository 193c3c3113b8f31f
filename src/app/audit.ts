import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/ids.js';
import type { Repositories } from '../ports/storage.js';

export interface AuditContext {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Appends one entry to the tenant's append-only audit log. `detail` must never hold secrets. */
export async function audit(
  ctx: AuditContext,
  entry: {
    tenantId: string;
    runId: string | null;
    actorKey: string;
    action: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await ctx.repos.audit.append({
    id: ctx.ids.next(),
    tenantId: entry.tenantId,
    runId: entry.runId,
    actorKey: entry.actorKey,
    action: entry.action,
    detail: entry.detail ?? {},
    at: ctx.clock.now().toISOString(),
  });
}
