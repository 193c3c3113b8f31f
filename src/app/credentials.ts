import { AppError } from '../domain/errors.js';
import type { Provider } from '../domain/provider.js';
import { Secret } from '../domain/secret.js';
import type { PsaCredentials, PsaSession } from '../ports/psa-gateway.js';
import type { IntegrationRecord } from '../ports/storage.js';
import type { AppDeps } from './deps.js';

/** The associated data binds the ciphertext to its integration row. */
function associatedData(integration: Pick<IntegrationRecord, 'id' | 'tenantId' | 'provider'>): string {
  return `integration:${integration.id}:${integration.tenantId}:${integration.provider}`;
}

export function sealCredentials(
  deps: AppDeps,
  integration: Pick<IntegrationRecord, 'id' | 'tenantId' | 'provider'>,
  credentials: PsaCredentials,
): string {
  return deps.secrets.seal(JSON.stringify(credentials.reveal()), associatedData(integration));
}

function unseal(deps: AppDeps, integration: IntegrationRecord): PsaCredentials {
  let plain: string;
  try {
    plain = deps.secrets.open(integration.sealedCredentials, associatedData(integration));
  } catch {
    // A row that no longer decrypts (key changed or lost, row tampered): the admin restores the key
    // or connects again. The cause is deliberately not attached.
    deps.logger.warn({ integrationId: integration.id }, 'stored credentials could not be decrypted');
    throw new AppError('credentials_unreadable');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    // The parser's message quotes the text, which is the secret: neither it nor the cause is kept.
    deps.logger.warn({ integrationId: integration.id }, 'stored credentials are not JSON');
    throw new AppError('credentials_unreadable');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new AppError('credentials_required');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return new Secret(fields);
}

export async function openIntegration(
  deps: AppDeps,
  tenantId: string,
  provider: Provider,
): Promise<{ integration: IntegrationRecord; session: PsaSession }> {
  const integration = await deps.storage.repos.integrations.find(tenantId, provider);
  if (integration === null) throw new AppError('credentials_required');
  return { integration, session: deps.psa.open(provider, unseal(deps, integration)) };
}

export async function openSessionFor(deps: AppDeps, integration: IntegrationRecord): Promise<PsaSession> {
  return deps.psa.open(integration.provider, unseal(deps, integration));
}
