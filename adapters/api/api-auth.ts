import type { IncomingMessage } from 'node:http';
import type { ApiTokenRecord } from '../../src/ports/directory-api.js';
import type { Repositories } from '../../src/ports/storage.js';

/** Longer than any token we issue; longer headers are not even hashed. */
const MAX_TOKEN_LENGTH = 200;

/**
 * The tenant's token behind a request, or null. Missing, malformed, forged, revoked and
 * other-tenant tokens all come back null, so the caller answers every one with the same 401.
 */
export async function authenticate(
  repos: Repositories,
  req: IncomingMessage,
): Promise<ApiTokenRecord | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header.trim());
  const token = match?.[1];
  if (token === undefined || token.length > MAX_TOKEN_LENGTH) return null;
  const record = await repos.directoryApi.tokens.findByToken(token);
  if (record === null || record.revokedAt !== null) return null;
  // A token whose tenant is gone sees nothing.
  return (await repos.tenants.get(record.tenantId)) === null ? null : record;
}
