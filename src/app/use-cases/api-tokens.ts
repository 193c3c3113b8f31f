import { AppError } from '../../domain/errors.js';
import { Secret } from '../../domain/secret.js';
import type { Access } from '../access.js';
import { audit } from '../audit.js';
import type { AppDeps } from '../deps.js';
import type { View } from '../views.js';
import { cleanLabel } from './directory-labels.js';

/**
 * Read-only API tokens, one tenant each. The token is shown once and stored hashed; ids from the
 * id generator are 96 CSPRNG bits each in production, so three of them make a 288-bit token.
 */
export function newToken(deps: Pick<AppDeps, 'ids'>): string {
  return `psa_${deps.ids.next()}${deps.ids.next()}${deps.ids.next()}`;
}

export async function createApiToken(deps: AppDeps, access: Access, rawName: string): Promise<View> {
  const name = cleanLabel(rawName);
  if (name === '')
    throw new AppError('invalid_input', { hint: 'give the token a name of 1 to 80 characters' });
  const token = newToken(deps);
  const id = deps.ids.next();
  const now = deps.clock.now().toISOString();
  await deps.storage.transaction(async (repos) => {
    await repos.directoryApi.tokens.insert(
      {
        id,
        tenantId: access.tenant.id,
        name,
        createdBy: access.actor.displayName,
        createdAt: now,
        revokedAt: null,
        lastUsedAt: null,
      },
      new Secret(token),
    );
    await audit(
      { repos, clock: deps.clock, ids: deps.ids },
      {
        tenantId: access.tenant.id,
        runId: null,
        actorKey: access.actorKey,
        action: 'api-token.created',
        detail: { tokenId: id, name },
      },
    );
  });
  return { kind: 'api-token-created', tokenId: id, name, token };
}

export async function listApiTokens(deps: AppDeps, access: Access): Promise<View> {
  const tokens = await deps.storage.repos.directoryApi.tokens.list(access.tenant.id);
  return {
    kind: 'api-tokens',
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    })),
  };
}

/** By id, or by name when exactly one live token has it. */
export async function revokeApiToken(deps: AppDeps, access: Access, idOrName: string): Promise<View> {
  const repos = deps.storage.repos;
  const live = (await repos.directoryApi.tokens.list(access.tenant.id)).filter((t) => t.revokedAt === null);
  const byId = live.find((t) => t.id === idOrName.trim());
  const byName = live.filter((t) => t.name === cleanLabel(idOrName));
  const token = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (token === undefined) {
    throw new AppError('invalid_input', {
      hint:
        byName.length > 1
          ? 'several tokens have that name; revoke by id'
          : 'no live token has that id or name',
    });
  }
  const now = deps.clock.now().toISOString();
  await repos.directoryApi.tokens.revoke(access.tenant.id, token.id, now);
  await audit(
    { repos, clock: deps.clock, ids: deps.ids },
    {
      tenantId: access.tenant.id,
      runId: null,
      actorKey: access.actorKey,
      action: 'api-token.revoked',
      detail: { tokenId: token.id, name: token.name },
    },
  );
  return {
    kind: 'notice',
    tone: 'success',
    text: 'Token revoked; it stops working at once',
    subject: token.name,
  };
}
