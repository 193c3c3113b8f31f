import type { View } from '../../../src/app/views.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import { renderSimpleView } from './render/simple-views.js';
import type { SlackDeps } from './slack-context.js';
import { parseThreadRef } from './thread.js';

/** A notice in a run's thread, posted outside any request (the webhook failure digest). */
export async function postInSlackThread(deps: SlackDeps, ref: ThreadRef, view: View): Promise<boolean> {
  const thread = parseThreadRef(ref);
  const message = renderSimpleView(view);
  if (thread === null || message === null) return false;
  await deps.api.post(thread.channel, message, thread.ts);
  return true;
}
