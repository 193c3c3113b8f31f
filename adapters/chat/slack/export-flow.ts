import { runFor } from '../shared/run-ref.js';
import { formatCount } from './mrkdwn.js';
import type { Conversation } from './slack-context.js';

/**
 * The full review as a CSV file (files.uploadV2): in the run's thread from its button, or in the
 * channel from `/psa export [n|id]`. Without a reference the admin's open import is exported.
 */
export async function exportReview(
  conversation: Conversation,
  ref: string | null,
  where: { readonly channel: string; readonly threadTs: string | null },
): Promise<void> {
  const run = await runFor(conversation.deps.bot, conversation.actor, ref);
  if ('view' in run) return conversation.tellView(run.view);
  const view = await conversation.handle({ kind: 'export-review', runId: run.runId });
  if (view.kind !== 'export') return conversation.tellView(view);
  const rows = Math.max(0, view.csv.split('\n').filter((line) => line !== '').length - 1);
  await conversation.deps.api.uploadCsv(
    where.channel,
    where.threadTs ?? undefined,
    view.filename,
    view.csv,
    `Full review as CSV (${formatCount(rows)} rows).`,
  );
}
