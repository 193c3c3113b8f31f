import type { Provider } from '../../domain/provider.js';
import type { PsaCredentials } from '../../ports/psa-gateway.js';
import { audit } from '../audit.js';
import { sealCredentials } from '../credentials.js';
import type { AppDeps } from '../deps.js';

/**
 * Tests the credentials against the PSA first (a network call, outside any transaction), then
 * stores them encrypted. Failing credentials are never stored.
 */
export async function connectIntegration(
  deps: AppDeps,
  tenantId: string,
  actorKey: string,
  provider: Provider,
  credentials: PsaCredentials,
): Promise<void> {
  const session = deps.psa.open(provider, credentials);
  await session.testConnection();
  const now = deps.clock.now().toISOString();
  await deps.storage.transaction(async (repos) => {
    const existing = await repos.integrations.find(tenantId, provider);
    const id = existing?.id ?? deps.ids.next();
    const record = { id, tenantId, provider };
    await repos.integrations.upsert({
      ...record,
      sealedCredentials: sealCredentials(deps, record, credentials),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId,
        runId: null,
        actorKey,
        action: 'integration.connected',
        detail: { provider, integrationId: id },
      },
    );
  });
}
