import type { Maintenance, WorkspaceRef } from '../../src/app/bot-api.js';
import type { Storage } from '../../src/ports/storage.js';
import { SANDBOX_EXISTING_MANAGED_COMPANIES } from '../psa/sandbox/connectwise/sandbox-connectwise.js';

export const TERMINAL_WORKSPACE: WorkspaceRef = { platform: 'terminal', workspaceId: 'local' };

export const SANDBOX_ADMINS = [
  { userId: 'alice', displayName: 'Alice' },
  { userId: 'bob', displayName: 'Bob' },
] as const;

export const SANDBOX_LICENCES = { total: 500, used: 120 } as const;

/**
 * The demo tenant of the terminal chat: admins alice and bob, the managed companies an MSP already
 * had before the bot (some are name variants of sandbox PSA companies, so duplicates show), and a
 * licence pool with some licences in use. Seeded once; later starts find it and leave it alone.
 */
export async function seedTerminalTenant(
  maintenance: Maintenance,
  storage: Storage,
): Promise<{ seeded: boolean }> {
  const existing = await storage.repos.tenants.findByWorkspace(
    TERMINAL_WORKSPACE.platform,
    TERMINAL_WORKSPACE.workspaceId,
  );
  const { tenantId } = await maintenance.bootstrap({
    ...TERMINAL_WORKSPACE,
    tenantName: 'Sandbox MSP',
    admins: SANDBOX_ADMINS,
    licences: SANDBOX_LICENCES.total,
  });
  if (existing !== null) return { seeded: false };
  await maintenance.addCompanies(TERMINAL_WORKSPACE, SANDBOX_EXISTING_MANAGED_COMPANIES);
  await storage.repos.licences.addUsed(tenantId, SANDBOX_LICENCES.used);
  return { seeded: true };
}
