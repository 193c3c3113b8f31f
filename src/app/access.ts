import type { Actor } from '../domain/chat-identity.js';
import { AppError } from '../domain/errors.js';
import type { Repositories, Tenant } from '../ports/storage.js';

export interface Access {
  readonly tenant: Tenant;
  readonly actor: Actor;
  /** `${platform}:${userId}`: how runs and the audit log name an admin. */
  readonly actorKey: string;
}

export function actorKeyOf(actor: Pick<Actor, 'platform' | 'userId'>): string {
  return `${actor.platform}:${actor.userId}`;
}

export function parseActorKey(key: string): { platform: Actor['platform']; userId: string } {
  const at = key.indexOf(':');
  const platform = key.slice(0, at);
  if (platform !== 'slack' && platform !== 'teams' && platform !== 'terminal') {
    throw new AppError('internal', { hint: 'malformed actor key' });
  }
  return { platform, userId: key.slice(at + 1) };
}

/**
 * Every intent passes through here: the workspace must belong to a tenant and the actor must be
 * one of its admins. Unknown workspaces and non-admins get the same refusal, so the answer does
 * not reveal which workspaces the bot knows.
 */
export async function requireAdmin(repos: Repositories, actor: Actor): Promise<Access> {
  const tenant = await repos.tenants.findByWorkspace(actor.platform, actor.workspaceId);
  if (tenant === null) throw new AppError('not_admin');
  const admin = await repos.admins.find(tenant.id, actor.platform, actor.userId);
  if (admin === null) throw new AppError('not_admin');
  return { tenant, actor, actorKey: actorKeyOf(actor) };
}
