import type { ImportBot } from '../../../src/app/bot-api.js';
import type { View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import { type ApprovalPosting, approveRun, rejectRun } from '../shared/approval-flow.js';
import { openRuns, resolveRunRef } from '../shared/run-ref.js';
import type { ListMemory } from './list-memory.js';
import { hint } from './session-types.js';

/*
 * `approve [n]` and `reject [n] <reason>` through the shared approval flow. Two admins may each
 * have an import waiting: without a number the import meant is the one other admin's import that
 * waits; with more than one, the admin names it by its number in `/psa status`.
 */

type Picked = { readonly runId: string } | { readonly view: View };

async function pickWaiting(
  bot: ImportBot,
  actor: Actor,
  memory: ListMemory,
  run: number | null,
): Promise<Picked> {
  if (run !== null) return resolveRunRef(bot, actor, String(run));
  const open = await openRuns(bot, actor);
  if ('view' in open) return open;
  const waiting = open.runs.filter((summary) => summary.status === 'pending-approval');
  const others = waiting.filter((summary) => summary.requesterName !== actor.displayName);
  if (others.length > 1) {
    return {
      view: hint(
        'more than one import waits for approval; say which: approve <n> or reject <n> <reason>, numbered as in /psa status',
      ),
    };
  }
  const runId = others[0]?.runId ?? memory.runId ?? waiting[0]?.runId;
  return runId === undefined ? { view: hint('no import waits for approval; see /psa status') } : { runId };
}

/** The outcome is the view the admin reads; the terminal has no message to redraw. */
function collect(): { readonly posting: ApprovalPosting; shown(fallback: View): View } {
  let shown: View | null = null;
  return {
    posting: {
      async refresh(view) {
        shown ??= view;
      },
      async refuse(view) {
        shown = view;
      },
      async approved(result) {
        shown = result;
      },
      async rejected(view) {
        shown = view;
      },
    },
    shown: (fallback) => shown ?? fallback,
  };
}

export async function approveTyped(
  bot: ImportBot,
  actor: Actor,
  memory: ListMemory,
  run: number | null,
): Promise<View> {
  const picked = await pickWaiting(bot, actor, memory, run);
  if ('view' in picked) return picked.view;
  const out = collect();
  const seenVersion = memory.approvalVersions.get(picked.runId) ?? null;
  return out.shown(await approveRun(bot, actor, { runId: picked.runId, seenVersion }, out.posting));
}

export async function rejectTyped(
  bot: ImportBot,
  actor: Actor,
  memory: ListMemory,
  run: number | null,
  reason: string,
): Promise<View> {
  const picked = await pickWaiting(bot, actor, memory, run);
  if ('view' in picked) return picked.view;
  const out = collect();
  const seenVersion = memory.approvalVersions.get(picked.runId) ?? null;
  return out.shown(await rejectRun(bot, actor, { runId: picked.runId, seenVersion, reason }, out.posting));
}
