import type { ProgressView } from '../../../src/app/views.js';
import { ProgressThrottle } from '../shared/progress-throttle.js';
import { progressCard } from './run-cards.js';
import type { TeamsDeps } from './teams-deps.js';
import { type ThreadAddress, threadConversation } from './thread-ref.js';

/** Progress as one reply in the run's thread, posted on the first update and edited after. */
export function progressPoster(
  deps: TeamsDeps,
  thread: ThreadAddress,
): (progress: ProgressView, final: boolean) => Promise<void> {
  let activityId: string | null = null;
  return async (progress, final) => {
    const shown = progressCard(progress, final);
    if (activityId === null) activityId = await deps.connector.reply(thread, shown);
    else await deps.connector.update(threadConversation(thread), activityId, shown);
  };
}

/** The shared throttle over that reply (Teams throttles message edits too). */
export function threadProgress(deps: TeamsDeps, thread: ThreadAddress): ProgressThrottle {
  return new ProgressThrottle(progressPoster(deps, thread), deps.clock, deps.logger, deps.progressIntervalMs);
}
