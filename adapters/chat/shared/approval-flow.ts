import type { ImportBot } from '../../../src/app/bot-api.js';
import type { ApprovalView, ResultView, View } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';

/**
 * Approve and reject, written once. Each surface says only how it shows the outcome: the
 * approval message as it is now, the result, a private refusal.
 */
export interface ApprovalPosting {
  /** The approval message as the run stands now (approval or result view), e.g. after a refusal. */
  refresh(view: ApprovalView | ResultView): Promise<void>;
  /** Privately, to the admin who clicked: an error view. */
  refuse(view: Extract<View, { kind: 'error' }>): Promise<void>;
  /** Applied: `before` is the approval the admin approved, when it could be read. */
  approved(result: ResultView, before: ApprovalView | null): Promise<void>;
  rejected(view: ApprovalView, reason: string): Promise<void>;
}

export interface ApprovalDecision {
  readonly runId: string;
  /** The run version the admin's approval message showed; null when they saw none (a typed `approve`). */
  readonly seenVersion: number | null;
}

const SHOW_RUN_PAGING = { page: 0, pageSize: 1 };

/** Errors after which the approval message is left as it is: nothing about the run changed. */
const PERSONAL_REFUSALS: ReadonlySet<string> = new Set(['cannot_approve_own', 'not_admin', 'foreign_user']);

async function refreshAfter(
  bot: ImportBot,
  actor: Actor,
  runId: string,
  posting: ApprovalPosting,
): Promise<void> {
  const now = await bot.handle(actor, { kind: 'show-run', runId, paging: SHOW_RUN_PAGING });
  if (now.kind === 'approval' || now.kind === 'result') await posting.refresh(now);
}

/**
 * The version the decision is about. A click carries the version its message showed, and the core
 * refuses it when the run moved on since (stale_view); a typed `approve` saw no message, so it
 * decides on the run as it stands now.
 */
async function versionToDecide(
  bot: ImportBot,
  actor: Actor,
  decision: ApprovalDecision,
): Promise<{ readonly version: number; readonly current: View | null }> {
  if (decision.seenVersion !== null) return { version: decision.seenVersion, current: null };
  const current = await bot.handle(actor, {
    kind: 'show-run',
    runId: decision.runId,
    paging: SHOW_RUN_PAGING,
  });
  return { version: current.kind === 'approval' ? current.run.version : -1, current };
}

export async function approveRun(
  bot: ImportBot,
  actor: Actor,
  decision: ApprovalDecision,
  posting: ApprovalPosting,
): Promise<View> {
  const { version, current } = await versionToDecide(bot, actor, decision);
  if (current?.kind === 'error') {
    await posting.refuse(current);
    return current;
  }
  const view = await bot.handle(actor, { kind: 'approve', runId: decision.runId, version });
  if (view.kind === 'result') {
    await posting.approved(view, current?.kind === 'approval' ? current : null);
    return view;
  }
  return refused(bot, actor, decision.runId, view, posting);
}

/** After an approve or reject that did not go through: say why, and redraw unless it was personal. */
async function refused(
  bot: ImportBot,
  actor: Actor,
  runId: string,
  view: View,
  posting: ApprovalPosting,
): Promise<View> {
  if (view.kind === 'error') {
    await posting.refuse(view);
    if (PERSONAL_REFUSALS.has(view.code)) return view;
  }
  await refreshAfter(bot, actor, runId, posting);
  return view;
}

export async function rejectRun(
  bot: ImportBot,
  actor: Actor,
  decision: ApprovalDecision & { readonly reason: string },
  posting: ApprovalPosting,
): Promise<View> {
  const { version, current } = await versionToDecide(bot, actor, decision);
  if (current?.kind === 'error') {
    await posting.refuse(current);
    return current;
  }
  const view = await bot.handle(actor, {
    kind: 'reject',
    runId: decision.runId,
    version,
    reason: decision.reason,
  });
  if (view.kind === 'approval') {
    await posting.rejected(view, decision.reason);
    return view;
  }
  return refused(bot, actor, decision.runId, view, posting);
}
