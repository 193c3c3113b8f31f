import { formatCount } from './mrkdwn.js';
import type { Conversation } from './slack-context.js';

/**
 * The full review as a CSV file (files.uploadV2): in the run's thread from its button, or in the
 * channel from `/psa export`. Without a run id the admin's open import is exported.
 */
export async function exportReview(
  conversation: Conversation,
  runId: string | null,
  where: { readonly channel: string; readonly threadTs: string | null },
): Promise<void> {
  let id = runId;
  if (id === null) {
    const status = await conversation.handle({ kind: 'status' });
    if (status.kind !== 'status') return conversation.tellView(status);
    id = status.open[0]?.runId ?? null;
    if (id === null) {
      return conversation.tellView({ kind: 'error', code: 'run_not_found', details: {} });
    }
  }
  const view = await conversation.handle({ kind: 'export-review', runId: id });
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
