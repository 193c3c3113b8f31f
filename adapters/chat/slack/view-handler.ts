import { isProvider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import { firstDelivery } from '../shared/dedupe.js';
import { reject } from './approval-flow.js';
import { refreshOverview } from './modal-handler.js';
import { inputValue, interactionSender, type ViewPayload, viewPayloadSchema } from './payloads.js';
import { CALLBACK, decodeMeta } from './refs.js';
import { renderMessageModal } from './render/connect-modal.js';
import { renderError, renderSimpleView } from './render/simple-views.js';
import { Conversation, identify, type SlackDeps } from './slack-context.js';

export function parseViewPayload(body: unknown): ViewPayload | null {
  const parsed = viewPayloadSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** Credential fields are the input blocks of the connect modal, keyed by their block id. */
function credentialsOf(payload: ViewPayload): Record<string, string> {
  const values: Record<string, string> = {};
  for (const blockId of Object.keys(payload.view.state?.values ?? {})) {
    const value = inputValue(payload, blockId, blockId).trim();
    if (value !== '') values[blockId] = value;
  }
  return values;
}

async function conversationFor(
  deps: SlackDeps,
  payload: ViewPayload,
  channel: string | undefined,
): Promise<Conversation | null> {
  const actor = await identify(deps, interactionSender(payload));
  if (actor === null) return null;
  return new Conversation(deps, actor, { channel, user: payload.user.id });
}

/**
 * A submitted or closed modal, after the ack (the connect modal already shows "Testing…"). The
 * credentials go from the form straight into a Secret and on to the core; they are never logged.
 */
export async function handleViewPayload(deps: SlackDeps, payload: ViewPayload): Promise<void> {
  const key = `${payload.type}:${payload.view.id}:${payload.view.hash ?? ''}`;
  if (!(await firstDelivery(deps.bot, 'slack', 'view', key))) return;
  const meta = decodeMeta(payload.view.private_metadata);
  const conversation = await conversationFor(deps, payload, meta.channel);
  if (conversation === null) {
    // The connect modal shows "Testing…" since the ack; it must not stay that way.
    if (payload.view.callback_id === CALLBACK.connect) {
      await deps.api.updateModal(
        payload.view.id,
        renderMessageModal('Connect PSA', renderError('foreign_user')),
      );
    }
    return;
  }
  switch (payload.view.callback_id) {
    case CALLBACK.connect: {
      if (payload.type !== 'view_submission' || meta.provider === undefined || !isProvider(meta.provider))
        return;
      const view = await conversation.handle({
        kind: 'connect',
        provider: meta.provider,
        credentials: new Secret(credentialsOf(payload)),
      });
      const message = renderSimpleView(view) ?? renderError('internal');
      await deps.api.updateModal(payload.view.id, renderMessageModal('Connect PSA', message));
      return;
    }
    case CALLBACK.reject: {
      if (payload.type !== 'view_submission' || meta.ref === undefined) return;
      if (meta.channel === undefined || meta.ts === undefined) return;
      const reason = inputValue(payload, 'reason', 'reason').trim();
      await reject(
        conversation,
        meta.ref,
        { channel: meta.channel, ts: meta.ts, threadTs: meta.threadTs ?? meta.ts },
        reason,
      );
      return;
    }
    case CALLBACK.users:
      await refreshOverview(conversation, payload.view.private_metadata);
      return;
    default:
      return;
  }
}
