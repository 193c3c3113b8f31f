import type { ImportBot } from '../../../src/app/bot-api.js';
import type { ProgressView, View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import type { Provider } from '../../../src/domain/provider.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import { ProgressThrottle } from './progress-throttle.js';

/** How one surface posts an import; everything else about an import is the same everywhere. */
export interface ImportPosting {
  /**
   * Posts the run's thread (its root and where the work shows) and says where it is. Called at
   * most once: before the import when `eager`, else when there is first something to show there,
   * so a refusal (not an admin, locked, a bad filter) stays private.
   */
  open(): Promise<ThreadRef>;
  readonly eager: boolean;
  /** Progress in the thread; `final` once at the end when `showFinalProgress`. */
  progress(view: ProgressView, final: boolean): Promise<void>;
  readonly showFinalProgress: boolean;
  /** The first review page, or why the import stopped once the thread exists. */
  show(view: View): Promise<void>;
  /** A refusal before anything was posted: privately to the admin. */
  refuse(view: View): Promise<void>;
}

export interface ImportFlowDeps {
  readonly bot: ImportBot;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly progressIntervalMs: number;
}

export interface ImportRequest {
  readonly actor: Actor;
  readonly provider: Provider;
  readonly filterText: string;
  /** Rows on the first review page the surface shows. */
  readonly pageSize: number;
}

/** Runs `open` once, however often it is asked for, and says whether it has started. */
function once(open: () => Promise<ThreadRef>): {
  get(): Promise<ThreadRef>;
  readonly started: () => boolean;
} {
  let opened: Promise<ThreadRef> | null = null;
  return {
    get: () => {
      opened ??= open();
      return opened;
    },
    started: () => opened !== null,
  };
}

/**
 * `/psa import`: start -> thread -> progress -> first review page, in one core call. The core
 * opens the thread through `openThread` only once the import is sure to start, stores it with the
 * run, and answers with the first page in the surface's page size.
 */
export async function runImportFlow(
  deps: ImportFlowDeps,
  request: ImportRequest,
  posting: ImportPosting,
): Promise<void> {
  const { bot, logger } = deps;
  const thread = once(() => posting.open());
  if (posting.eager) await thread.get();
  const throttle = new ProgressThrottle(
    async (progress, final) => {
      await thread.get();
      await posting.progress(progress, final);
    },
    deps.clock,
    logger,
    deps.progressIntervalMs,
  );
  const view = await bot.handle(
    request.actor,
    {
      kind: 'import',
      provider: request.provider,
      filterText: request.filterText,
      pageSize: request.pageSize,
    },
    { onProgress: throttle.push, openThread: () => thread.get() },
  );
  await throttle.settle(posting.showFinalProgress);
  return thread.started() ? posting.show(view) : posting.refuse(view);
}
