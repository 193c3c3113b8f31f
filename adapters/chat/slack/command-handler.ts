import type { Provider } from '../../../src/domain/provider.js';
import { refuseSecret } from '../shared/command-grammar.js';
import { firstDelivery } from '../shared/dedupe.js';
import { cancelRun } from '../shared/run-ref.js';
import { parseCommand } from './command-parser.js';
import { exportReview } from './export-flow.js';
import { runImport } from './import-flow.js';
import { type CommandPayload, commandSchema } from './payloads.js';
import { renderConnectModal, renderLoadingModal, renderMessageModal } from './render/connect-modal.js';
import { renderError, renderSimpleView } from './render/simple-views.js';
import type { ChannelFacts } from './slack-api.js';
import { Conversation, identify, type SlackDeps } from './slack-context.js';

const NOT_IN_CHANNEL = renderError('invalid_input', {
  hint: 'I am not in this channel; invite me to it first, or use a direct message',
});

/**
 * Guard for anything that posts import data: never in a channel shared with another
 * organisation, and only where the bot can post (otherwise the import would run unseen).
 */
async function channelIsPrivateEnough(conversation: Conversation, channel: string): Promise<boolean> {
  let facts: ChannelFacts;
  try {
    facts = await conversation.deps.api.channelFacts(channel);
  } catch {
    await conversation.tell(NOT_IN_CHANNEL);
    return false;
  }
  if (facts.externallyShared) await conversation.tell(renderError('shared_channel'));
  else if (!facts.member) await conversation.tell(NOT_IN_CHANNEL);
  return !facts.externallyShared && facts.member;
}

async function openConnectForm(
  conversation: Conversation,
  payload: CommandPayload,
  provider: Provider,
): Promise<void> {
  const { api } = conversation.deps;
  const meta = { channel: payload.channel_id, provider };
  // The trigger expires 3 s after the command: open first, fill in once the core answers.
  const viewId = await api.openModal(payload.trigger_id, renderLoadingModal('Connect PSA', meta));
  const view = await conversation.handle({ kind: 'connect-form', provider });
  if (view.kind === 'credentials-form') {
    await api.updateModal(viewId, renderConnectModal(view.provider, view.fields, meta));
    return;
  }
  const message = renderSimpleView(view) ?? renderError('internal');
  await api.updateModal(viewId, renderMessageModal('Connect PSA', message));
}

/** `/psa …`, after the ack. */
export async function handleCommand(deps: SlackDeps, body: unknown): Promise<void> {
  const parsed = commandSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({}, 'slack command payload not understood');
    return;
  }
  const payload = parsed.data;
  if (!(await firstDelivery(deps.bot, 'slack', 'command', payload.trigger_id))) return;
  const target = { responseUrl: payload.response_url, channel: payload.channel_id, user: payload.user_id };
  const actor = await identify(deps, {
    userId: payload.user_id,
    displayName: payload.user_name,
    teamIds: [payload.user_team_id ?? payload.team_id],
    enterpriseId: payload.enterprise_id ?? null,
  });
  if (actor === null) {
    await deps.api.ephemeral(target, renderError('foreign_user'));
    return;
  }
  const conversation = new Conversation(deps, actor, target);
  await conversation.guard('command', () => dispatch(conversation, payload));
}

async function dispatch(conversation: Conversation, payload: CommandPayload): Promise<void> {
  const command = parseCommand(payload.text, payload.channel_id);
  switch (command.kind) {
    case 'secret-refused':
      return conversation.tellView(refuseSecret(conversation.deps.logger, conversation.actor.userId));
    case 'error':
      return conversation.tell(renderError(command.code, command.details));
    case 'connect':
      return openConnectForm(conversation, payload, command.provider);
    case 'import':
      if (!(await channelIsPrivateEnough(conversation, payload.channel_id))) return;
      return runImport(conversation, payload.channel_id, command.provider, command.filterText);
    case 'export':
      if (!(await channelIsPrivateEnough(conversation, payload.channel_id))) return;
      return exportReview(conversation, command.run, { channel: payload.channel_id, threadTs: null });
    case 'cancel':
      return conversation.tellView(await cancelRun(conversation.deps.bot, conversation.actor, command.run));
    case 'intent':
      // A digest posts PSA names to this channel later: the same guard as an import.
      if (
        command.intent.kind === 'digest-schedule' &&
        !(await channelIsPrivateEnough(conversation, payload.channel_id))
      )
        return;
      return conversation.tellView(await conversation.handle(command.intent));
  }
}
