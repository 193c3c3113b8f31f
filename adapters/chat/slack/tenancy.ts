import type { Actor } from '../../../src/domain/chat-identity.js';
import type { Installation } from './slack-api.js';

/** The tenant key: the Enterprise Grid org for org-wide installs, else the workspace. */
export function workspaceIdOf(installation: Installation): string {
  return installation.isEnterpriseInstall && installation.enterpriseId !== null
    ? installation.enterpriseId
    : installation.teamId;
}

/** Who sent a request, as the payload tells it. */
export interface Sender {
  readonly userId: string;
  readonly displayName: string;
  /** The user's own team and org; in a Slack Connect channel they differ from ours. */
  readonly teamIds: readonly string[];
  readonly enterpriseId: string | null;
}

/**
 * A user belongs to the installing organisation when every team the payload attributes to them
 * is ours, or their Enterprise Grid org is ours. Anyone else (a client's user in a shared
 * channel) is foreign and may not act, whatever the admin list says.
 */
export function isForeign(installation: Installation, sender: Sender): boolean {
  if (installation.enterpriseId !== null && sender.enterpriseId === installation.enterpriseId) return false;
  if (sender.teamIds.length === 0) return true;
  return sender.teamIds.some((teamId) => teamId !== installation.teamId);
}

export function actorOf(installation: Installation, sender: Sender): Actor {
  return {
    platform: 'slack',
    workspaceId: workspaceIdOf(installation),
    userId: sender.userId,
    displayName: sender.displayName || sender.userId,
  };
}
