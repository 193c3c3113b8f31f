import type { Maintenance } from '../../src/app/bot-api.js';
import type { BootstrapAdmin } from './config/core.js';

/** One tenant per workspace named in BOOTSTRAP_ADMINS, each with its admins; idempotent. */
export async function bootstrapAdmins(
  maintenance: Maintenance,
  admins: readonly BootstrapAdmin[],
): Promise<void> {
  const byWorkspace = new Map<string, BootstrapAdmin[]>();
  for (const admin of admins) {
    const key = `${admin.platform}:${admin.workspaceId}`;
    byWorkspace.set(key, [...(byWorkspace.get(key) ?? []), admin]);
  }
  for (const [key, group] of byWorkspace) {
    const first = group[0];
    if (first === undefined) continue;
    await maintenance.bootstrap({
      platform: first.platform,
      workspaceId: first.workspaceId,
      tenantName: key,
      admins: group.map((admin) => ({ userId: admin.userId, displayName: admin.displayName })),
    });
  }
}
