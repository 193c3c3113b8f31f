import type { View } from '../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { refuseSecret } from '../shared/command-grammar.js';
import { firstDelivery } from '../shared/dedupe.js';
import { cancelRun } from '../shared/run-ref.js';
import { conversationOf, isChannel, isPersonal, type TeamsActivity } from './activity.js';
import { card, submit, text } from './card-kit.js';
import { DIALOG } from './dialog-cards.js';
import { encodeDigestConversation } from './digest-conversation.js';
import { PERSONAL_CHAT_ONLY, revealsSecret } from './directory-api-cards.js';
import { runImport } from './import-runner.js';
import type { TeamsDeps } from './teams-deps.js';
import { identify } from './tenancy.js';
import { parseTextCommand } from './text-command.js';
import { threadRootOf } from './thread-ref.js';
import { cardForView } from './view-card.js';

const EXPORT_ELSEWHERE: View = {
  kind: 'error',
  code: 'invalid_input',
  details: {
    hint: 'export the review from Slack or the terminal; Teams does not take files from the bot yet',
  },
};

/**
 * Messages to the bot. Answers are replies to the message (in its thread in a channel). Replayed
 * activities are ignored.
 */
export async function handleMessage(deps: TeamsDeps, activity: TeamsActivity): Promise<void> {
  if (
    activity.id === undefined ||
    !(await firstDelivery(deps.bot, 'teams', 'message', activity.id, deps.dedupeTtlMs))
  )
    return;
  const conversation = conversationOf(activity);
  const channelRoot = threadRootOf(activity.conversation.id);
  const thread = {
    ...conversation,
    rootActivityId: channelRoot ?? activity.id,
    threaded: isChannel(activity),
  };
  const identity = identify(activity, deps.allowedTenants);
  if (!identity.ok) {
    await deps.connector.reply(thread, cardForView({ kind: 'error', code: 'foreign_user', details: {} }));
    return;
  }
  const actor = identity.actor;
  const command = parseTextCommand(activity.text ?? '', encodeDigestConversation(conversation));
  if (command.kind === 'import') {
    // Refused before anything is posted in the conversation.
    const status = await deps.bot.handle(actor, { kind: 'status' });
    if (status.kind === 'error') {
      await deps.connector.reply(thread, cardForView(status));
      return;
    }
    const request = {
      actor,
      conversation,
      channel: isChannel(activity),
      provider: command.provider,
      filterText: command.filterText,
    };
    deps.background.run('teams-import', () => runImport(deps, request));
    return;
  }
  if (command.kind === 'connect') {
    // Checked like any command, so a non-admin gets the refusal rather than a form.
    const form = await deps.bot.handle(actor, { kind: 'connect-form', provider: command.provider });
    const reply =
      form.kind === 'error'
        ? cardForView(form)
        : card(
            [text(`Enter the ${PROVIDER_LABELS[command.provider]} credentials in a private dialog.`)],
            [
              submit('Enter credentials', {
                msteams: { type: 'task/fetch' },
                dialog: DIALOG.connectForm,
                provider: command.provider,
              }),
            ],
          );
    await deps.connector.reply(thread, reply);
    return;
  }
  const answer = async (view: View) => deps.connector.reply(thread, cardForView(view));
  switch (command.kind) {
    case 'secret-refused':
      return void (await answer(refuseSecret(deps.logger, actor.userId)));
    case 'error':
      return void (await answer(command));
    case 'cancel':
      return void (await answer(await cancelRun(deps.bot, actor, command.run)));
    case 'export':
      // A CSV file needs the file consent flow; the review card's Export button is not built yet.
      return void (await answer(EXPORT_ELSEWHERE));
    case 'intent':
      if (revealsSecret(command.intent) && !isPersonal(activity))
        return void (await answer(PERSONAL_CHAT_ONLY));
      return void (await answer(await deps.bot.handle(actor, command.intent)));
  }
}
