import type { Intent, Paging } from '../../../src/app/intents.js';
import type { ProgressView, View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import { messageFor } from '../shared/error-messages.js';
import { logError, logWarning } from '../shared/log-error.js';
import { conversationOf, isChannel, type TeamsActivity } from './activity.js';
import type { CardAction } from './card-actions.js';
import type { Card } from './card-kit.js';
import { cardResponse, messageResponse } from './invoke-responses.js';
import { REVIEW_PAGE_SIZE, USERS_PAGE_SIZE } from './paging.js';
import type { TeamsDeps } from './teams-deps.js';
import { type ConversationAddress, type ThreadAddress, threadRootOf } from './thread-ref.js';
import { cardForView } from './view-card.js';

/**
 * What every button of the run's cards does around its intents: run them in order, show the
 * resulting card to the clicker (the invoke's answer) and to everyone (an update of the message),
 * and answer refusals with a message that leaves the card as it was.
 */

export type CardActionResponse = ReturnType<typeof cardResponse> | ReturnType<typeof messageResponse>;
export type ErrorView = Extract<View, { kind: 'error' }>;

/** Where the clicked card lives. */
export interface Source {
  readonly conversation: ConversationAddress;
  readonly activityId: string | null;
  /** The run's thread, for new replies (approval, result, progress). */
  readonly thread: ThreadAddress | null;
}

export function sourceOf(activity: TeamsActivity): Source {
  const conversation = conversationOf(activity);
  const channelRoot = threadRootOf(activity.conversation.id);
  const root = channelRoot ?? activity.replyToId ?? null;
  const threaded = isChannel(activity) && channelRoot !== null;
  return {
    conversation,
    activityId: activity.replyToId ?? null,
    thread: root === null ? null : { ...conversation, rootActivityId: root, threaded },
  };
}

export function refusal(view: ErrorView): CardActionResponse {
  const message = messageFor(view.code, view.details);
  return messageResponse(`${message.text}. ${message.nextStep}`);
}

export function withBanner(problem: ErrorView, shown: Card): Card {
  return { ...shown, body: [...(cardForView(problem).body ?? []), ...(shown.body ?? [])] };
}

export const reviewPaging = (page = 0): Paging => ({ page, pageSize: REVIEW_PAGE_SIZE });
export const usersPaging = (page = 0): Paging => ({ page, pageSize: USERS_PAGE_SIZE });

/** Runs intents in order and stops at the first refusal. */
export async function runAll(
  deps: TeamsDeps,
  actor: Actor,
  intents: readonly Intent[],
  onProgress?: (progress: ProgressView) => void,
): Promise<View> {
  let view: View = { kind: 'notice', tone: 'info', text: 'Nothing changed.' };
  for (const intent of intents) {
    view = await deps.bot.handle(actor, intent, { onProgress });
    if (view.kind === 'error') return view;
  }
  return view;
}

/** A new message in the run's thread; a failure is logged, the click's answer stands. */
export async function replyInThread(deps: TeamsDeps, source: Source, shown: Card): Promise<void> {
  if (source.thread === null) return;
  try {
    await deps.connector.reply(source.thread, shown);
  } catch (error) {
    logError(deps.logger, 'teams thread reply failed', error);
  }
}

export async function updateForEveryone(deps: TeamsDeps, source: Source, shown: Card): Promise<void> {
  if (source.activityId === null) return;
  try {
    await deps.connector.update(source.conversation, source.activityId, shown);
  } catch (error) {
    logWarning(deps.logger, 'teams card update failed', error);
  }
}

/** The card for a view, or for the run as it is now with the refusal on top. */
export async function cardAfter(
  deps: TeamsDeps,
  actor: Actor,
  runId: string,
  view: View,
  paging: Paging,
): Promise<Card | ErrorView> {
  if (view.kind !== 'error') return cardForView(view);
  // Some changes may have landed before the refusal: show the run as it is now, with the reason.
  const current = await deps.bot.handle(actor, { kind: 'show-run', runId, paging });
  return current.kind === 'error' ? view : withBanner(view, cardForView(current));
}

export async function show(
  deps: TeamsDeps,
  source: Source,
  shown: Card | ErrorView,
): Promise<CardActionResponse> {
  if ('kind' in shown) return refusal(shown);
  await updateForEveryone(deps, source, shown);
  return cardResponse(shown);
}

/** A step of the company or user decisions. */
export async function step(
  deps: TeamsDeps,
  actor: Actor,
  action: CardAction,
  source: Source,
  intents: readonly Intent[],
  paging: Paging,
) {
  const view = await runAll(deps, actor, intents);
  return show(deps, source, await cardAfter(deps, actor, action.data.runId, view, paging));
}

/** Reading contacts may outlast Teams' 5 seconds: then an interim card, updated when done. */
