import type { ApprovalView, ResultView } from '../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { messageFor } from '../shared/error-messages.js';
import { formatDate, planCountItems, resultCountItems } from '../shared/text.js';
import { INPUT, VERBS } from './card-actions.js';
import { type Card, card, type Element, execute, facts, heading, text, textInput } from './card-kit.js';
import { md } from './markdown.js';

/** Teams shows user-specific views to at most 60 users; more entries are ignored or rejected. */
export const MAX_REFRESH_USERS = 60;

/**
 * Who is looking at a pending approval. Teams asks for each listed user's view with a refresh
 * invoke; everyone else sees the base card, which has no buttons. The buttons are a convenience:
 * the core checks the approval rule again at the click.
 */
export type ApprovalAudience = 'base' | 'approver' | 'requester';

export function audienceFor(view: ApprovalView, userId: string): ApprovalAudience {
  if (view.approvers.some((approver) => approver.platform === 'teams' && approver.userId === userId)) {
    return 'approver';
  }
  if (view.requester.platform === 'teams' && view.requester.userId === userId) return 'requester';
  return 'base';
}

/** Requester first (so they always get their view), then the approvers; unique; at most 60. */
export function refreshUserIds(view: ApprovalView): string[] {
  const ids = [view.requester, ...view.approvers]
    .filter((person) => person.platform === 'teams')
    .map((person) => person.userId);
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

/** The heading says the state, so a decided card never still reads "Approval needed". */
function headingFor(view: ApprovalView): string {
  const who = view.decidedBy ?? view.approverName;
  const by = who === null ? '' : ` by ${md(who, 80)}`;
  switch (view.state) {
    case 'pending':
      return `Approval needed: import from ${PROVIDER_LABELS[view.run.provider]}`;
    case 'approved':
      return `✅ Approved${by}`;
    case 'rejected':
      return `❌ Rejected${by}${view.rejectReason === null ? '' : `: ${md(view.rejectReason, 500)}`}`;
    case 'expired':
      return '⌛ Expired';
    case 'cancelled':
      return 'Cancelled';
  }
}

function outcome(view: ApprovalView): string | null {
  const source = PROVIDER_LABELS[view.run.provider];
  switch (view.state) {
    case 'pending':
      return null;
    case 'approved':
      return `The import from ${source} was applied; the result is in this thread.`;
    case 'rejected':
      return `Nothing was imported from ${source}.`;
    case 'expired':
      return `${messageFor('approval_expired').text}. Nothing was imported from ${source}.`;
    case 'cancelled':
      return `This import from ${source} was cancelled. Nothing was imported.`;
  }
}

/**
 * The approval message. `userIds` are what Teams matches against the viewer for automatic
 * refresh: the caller resolves them (roster ids) and falls back to the Entra object ids.
 */
export function approvalCard(
  view: ApprovalView,
  audience: ApprovalAudience,
  userIds: readonly string[],
): Card {
  const body: Element[] = [
    heading(headingFor(view)),
    text(`Prepared by ${md(view.run.requesterName, 80)}`, { isSubtle: true }),
    facts(planCountItems(view.counts).map((item) => [item.label, String(item.count)] as const)),
    text(
      view.licences.enough
        ? `Licences: this import uses ${view.licences.needed}; ${view.licences.free} are free.`
        : `⚠️ ${messageFor('insufficient_licenses', { licencesFree: view.licences.free, licencesNeeded: view.licences.needed }).text}`,
      { color: view.licences.enough ? 'Default' : 'Attention' },
    ),
  ];
  const done = outcome(view);
  if (done !== null) return card([...body, text(done, { weight: 'Bolder' })]);

  if (view.expiresAt !== null) body.push(text(`Expires ${formatDate(view.expiresAt)}.`, { isSubtle: true }));
  const refreshAction = execute('Refresh', VERBS.refresh, { runId: view.run.runId });
  // The version this card shows: an approval of a plan changed since is refused as stale.
  const decided = { runId: view.run.runId, version: view.run.version };
  const actions = [];
  if (audience === 'approver') {
    body.push(
      text('Approve to apply the import now, or reject it with a reason.'),
      textInput(INPUT.rejectReason, 'Reason (needed to reject)', { placeholder: 'Why not?', maxLength: 500 }),
    );
    actions.push(
      execute('Approve', VERBS.approve, decided, { style: 'positive', inputs: 'none' }),
      execute('Reject', VERBS.reject, decided, { style: 'destructive' }),
    );
  } else if (audience === 'requester') {
    body.push(
      text('Waiting for another admin to approve.', { weight: 'Bolder' }),
      text('You prepared this import, so another admin approves or rejects it.', { isSubtle: true }),
    );
  } else {
    body.push(
      text('Waiting for another admin to approve. Admins who may approve see Approve and Reject here.'),
    );
  }
  const result = card(body, actions);
  result.refresh = { action: refreshAction, userIds: [...userIds].slice(0, MAX_REFRESH_USERS) };
  return result;
}

/** The approval after it was applied, when only the result is at hand (a refresh, a late click). */
export function approvedCard(result: ResultView): Card {
  const by = result.approverName === null ? '' : ` by ${md(result.approverName, 80)}`;
  return card([
    heading(`✅ Approved${by}`),
    text(`Prepared by ${md(result.run.requesterName, 80)}`, { isSubtle: true }),
    facts(resultCountItems(result.result).map((item) => [item.label, String(item.count)] as const)),
    text(
      `The import from ${PROVIDER_LABELS[result.run.provider]} was applied; the result is in this thread.`,
      {
        weight: 'Bolder',
      },
    ),
  ]);
}
