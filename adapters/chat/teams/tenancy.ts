import type { Actor } from '../../../src/domain/chat-identity.js';
import type { TeamsActivity } from './activity.js';
import { plain } from './markdown.js';

/**
 * Who is acting, from a verified activity. The Teams tenant id is the workspace; the user is their
 * Entra object id. A user from another organisation (a shared channel, an external chat) or a
 * tenant this bot does not serve is refused before the core sees anything.
 */
export type Identity = { readonly ok: true; readonly actor: Actor } | { readonly ok: false };

export function identify(activity: TeamsActivity, allowedTenants: readonly string[] | null): Identity {
  const conversationTenant = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  const userTenant = activity.from.tenantId ?? activity.channelData?.tenant?.id;
  const userId = activity.from.aadObjectId;
  if (conversationTenant === undefined || userId === undefined || userId === '') return { ok: false };
  if (userTenant !== undefined && userTenant.toLowerCase() !== conversationTenant.toLowerCase())
    return { ok: false };
  const tenant = conversationTenant.toLowerCase();
  if (allowedTenants !== null && !allowedTenants.some((allowed) => allowed.toLowerCase() === tenant)) {
    return { ok: false };
  }
  return {
    ok: true,
    actor: {
      platform: 'teams',
      // As Teams sends them (lower-case GUIDs), which is how BOOTSTRAP_ADMINS must name them.
      workspaceId: conversationTenant,
      userId,
      displayName: plain(activity.from.name ?? 'Teams user', 100),
    },
  };
}
