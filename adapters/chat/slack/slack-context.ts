import type { ImportBot, IntentIo } from '../../../src/app/bot-api.js';
import type { Intent } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { BackgroundRunner } from '../shared/background-runner.js';
import { logError } from '../shared/log-error.js';
import type { SlackMessage } from './blocks.js';
import { renderError, renderSimpleView } from './render/simple-views.js';
import type { EphemeralTarget, SlackApi } from './slack-api.js';
import { actorOf, isForeign, type Sender } from './tenancy.js';

export interface SlackDeps {
  readonly bot: ImportBot;
  readonly api: SlackApi;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tasks: BackgroundRunner;
  /** Least time between two progress edits of the same message. */
  readonly progressIntervalMs: number;
}

/** The actor for a verified request, or null when the sender belongs to another organisation. */
export async function identify(deps: SlackDeps, sender: Sender): Promise<Actor | null> {
  const installation = await deps.api.identity();
  if (isForeign(installation, sender)) {
    deps.logger.info({ userId: sender.userId }, 'slack request from another organisation refused');
    return null;
  }
  return actorOf(installation, sender);
}

/** One conversation with one admin: whom to answer privately and where the thread is. */
export class Conversation {
  constructor(
    readonly deps: SlackDeps,
    readonly actor: Actor,
    readonly target: EphemeralTarget,
  ) {}

  handle(intent: Intent, io?: IntentIo): Promise<View> {
    return this.deps.bot.handle(this.actor, intent, io);
  }

  tell(message: SlackMessage): Promise<void> {
    return this.deps.api.ephemeral(this.target, message);
  }

  /**
   * Runs the work of one request; an unexpected failure (Slack or the database unreachable) is
   * logged and, where possible, the admin reads "Something went wrong" instead of silence.
   */
  async guard(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logError(this.deps.logger, 'slack request failed', error, { task: name });
      await this.tell(renderError('internal')).catch(() => {
        // Slack itself may be what failed; the log line above is what remains.
      });
    }
  }

  /** Answers privately with any view that has a plain rendering (errors, notices, lists). */
  async tellView(view: View): Promise<void> {
    const message = renderSimpleView(view);
    if (message === null) {
      this.deps.logger.warn({ view: view.kind }, 'no private rendering for view');
      return;
    }
    await this.tell(message);
  }
}
