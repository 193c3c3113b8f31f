import { expect } from 'vitest';
import type { StoredMessage } from '../fakes/bot-connector.js';
import {
  type ActivityOptions,
  type Answer,
  cardAction,
  postActivity,
  type TeamsUser,
} from './teams-activities.js';
import { button, type CardButton, cardOfActivity, inputValues, type Json } from './teams-cards.js';
import type { TeamsHarness } from './teams-harness.js';

/**
 * Plays Teams: posts activities with valid tokens, clicks buttons on the messages the bot posted
 * (with the card's inputs merged into the data, as Teams does), and keeps every card the bot
 * answered with, so a test can validate all of them.
 */
export class TeamsDriver {
  readonly answeredCards: Json[] = [];
  readonly harness: TeamsHarness;

  constructor(harness: TeamsHarness) {
    this.harness = harness;
  }

  options(extra: Partial<ActivityOptions> = {}): ActivityOptions {
    return { serviceUrl: this.harness.connector.serviceUrl, ...extra };
  }

  async send(activity: unknown): Promise<Answer> {
    const answer = await postActivity(this.harness.botUrl, activity, await this.harness.token());
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const card = answerCard(answer.body);
    if (card !== null) this.answeredCards.push(card);
    return answer;
  }

  message(id: string): StoredMessage {
    const found = this.harness.connector.messages.get(id);
    if (found === undefined) throw new Error(`no message ${id}`);
    return found;
  }

  cardOf(id: string): Json {
    const card = cardOfActivity(this.message(id).body);
    if (card === null) throw new Error(`message ${id} has no card`);
    return card;
  }

  /** Messages the bot posted in the thread of `rootId`, oldest first. */
  thread(rootId: string): StoredMessage[] {
    return [...this.harness.connector.messages.values()].filter(
      (message) => message.conversationId.endsWith(`;messageid=${rootId}`) || message.replyToId === rootId,
    );
  }

  /** Clicks a button of the message's current card (as everyone sees it), after changing inputs. */
  async click(
    user: TeamsUser,
    messageId: string,
    title: string | ((candidate: CardButton) => boolean),
    changes: Json = {},
    extra: { id?: string; trigger?: 'manual' | 'automatic' } = {},
  ): Promise<Answer> {
    return this.clickOn(user, messageId, this.cardOf(messageId), title, changes, extra);
  }

  /** Clicks a button of the card this user sees on the message (e.g. their refreshed view). */
  async clickOn(
    user: TeamsUser,
    messageId: string,
    card: Json,
    title: string | ((candidate: CardButton) => boolean),
    changes: Json = {},
    extra: { id?: string; trigger?: 'manual' | 'automatic' } = {},
  ): Promise<Answer> {
    const message = this.message(messageId);
    const target = button(card, title);
    const data = { ...inputValues(card, changes), ...target.data };
    return this.send(
      cardAction(
        user,
        { verb: target.verb ?? '', data },
        {
          ...this.options({ conversationId: message.conversationId, replyToId: messageId }),
          ...(extra.id === undefined ? {} : { id: extra.id }),
          ...(extra.trigger === undefined ? {} : { trigger: extra.trigger }),
        },
      ),
    );
  }
}

/** The card in an invoke answer: an `adaptiveCard/action` card, or a dialog's card. */
export function answerCard(body: unknown): Json | null {
  if (typeof body !== 'object' || body === null) return null;
  const answer = body as Json;
  if (answer.type === 'application/vnd.microsoft.card.adaptive') return answer.value as Json;
  const task = answer.task as Json | undefined;
  const value = task?.value as Json | undefined;
  const attachment = value?.card as Json | undefined;
  return attachment === undefined ? null : (attachment.content as Json);
}

export function answerMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const answer = body as Json;
  if (answer.type === 'application/vnd.microsoft.activity.message') return String(answer.value);
  const task = answer.task as Json | undefined;
  return task?.type === 'message' ? String(task.value) : null;
}
