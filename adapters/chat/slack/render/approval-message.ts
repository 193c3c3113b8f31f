import type { ApprovalView, ResultView } from '../../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import { actions, type Block, button, context, header, type SlackMessage, section } from '../blocks.js';
import { formatCount, mentionOrName, mrkdwnText } from '../mrkdwn.js';
import { ACTION, encodeRef, type Ref } from '../refs.js';
import { countsLines } from './labels.js';
import { licenceText } from './users-message.js';

const APPROVERS_SHOWN = 10;

function stateLine(view: ApprovalView): string {
  const who = view.decidedBy ?? view.approverName;
  const by = who === null ? '' : ` by ${mrkdwnText(who, 80)}`;
  switch (view.state) {
    case 'pending':
      return '';
    case 'approved':
      return `:white_check_mark: *Approved${by}.* The import was applied; the result is in this thread.`;
    case 'rejected':
      return `:x: *Rejected${by}.* Reason: ${mrkdwnText(view.rejectReason ?? 'none given', 500)}`;
    case 'expired':
      return ':hourglass: *This approval request expired.* Start the import again to get a fresh one.';
    case 'cancelled':
      return ':no_entry_sign: *This import was cancelled.*';
  }
}

/** The approval request: counts, licences, who may approve, and Approve / Reject while pending. */
export function renderApproval(view: ApprovalView): SlackMessage {
  const ref: Ref = { r: view.run.runId, v: view.run.version, p: 0 };
  const provider = PROVIDER_LABELS[view.run.provider];
  const requester = mentionOrName(view.requester.platform, view.requester.userId, view.run.requesterName);
  const body = [
    `${requester} asks to apply this import from ${provider}:`,
    ...countsLines(view.counts),
    licenceText(view.licences),
  ];
  const blocks: Block[] = [
    header(view.state === 'pending' ? `Approval needed: ${provider} import` : `${provider} import`),
    section(body.join('\n'), undefined, encodeRef({ ...ref, a: 'approval' })),
  ];
  if (view.state === 'pending') {
    const approvers = view.approvers
      .slice(0, APPROVERS_SHOWN)
      .map((a) => mentionOrName(a.platform, a.userId, a.userId));
    const more = view.approvers.length - APPROVERS_SHOWN;
    const who =
      approvers.length === 0 ? 'another admin' : approvers.join(', ') + (more > 0 ? ` and ${more} more` : '');
    const expiry =
      view.expiresAt === null ? '' : ` · Expires ${view.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
    // Everyone sees the same buttons in Slack; the requester's clicks are refused, so say so here.
    const selfApproval = view.approvers.some(
      (a) => a.platform === view.requester.platform && a.userId === view.requester.userId,
    );
    blocks.push(context(`Can approve: ${who}${expiry}`));
    if (!selfApproval) {
      blocks.push(
        context(
          `${requester} prepared this import, so another admin must approve it: Approve and Reject are refused for ${requester}.`,
        ),
      );
    }
    blocks.push(
      actions(
        [
          button('Approve', ACTION.approve, encodeRef(ref), 'primary', {
            title: 'Apply this import?',
            text: 'Companies and users are created or mapped as listed.',
            confirm: 'Approve and apply',
          }),
          button('Reject', ACTION.reject, encodeRef(ref), 'danger'),
        ],
        encodeRef({ ...ref, a: 'decide' }),
      ),
    );
  } else {
    blocks.push(section(stateLine(view)));
  }
  return {
    text:
      view.state === 'pending'
        ? `Approval needed: ${provider} import requested by ${view.run.requesterName}`
        : `${provider} import: ${view.state}`,
    blocks,
  };
}

/** The approval message once decided by an apply: no buttons left to click. */
export function renderApprovalApplied(result: ResultView): SlackMessage {
  const provider = PROVIDER_LABELS[result.run.provider];
  const by = result.approverName === null ? '' : ` by ${mrkdwnText(result.approverName, 80)}`;
  return {
    text: `${provider} import approved`,
    blocks: [
      header(`${provider} import`),
      section(`:white_check_mark: *Approved${by}.* The import was applied; the result is in this thread.`),
    ],
  };
}

/** The result posted in the thread, addressed to the requester. */
export function renderResult(view: ResultView, requesterMention: string | null): SlackMessage {
  const provider = PROVIDER_LABELS[view.run.provider];
  const r = view.result;
  const lines = [
    `${requesterMention === null ? '' : `${requesterMention} `}your import from ${provider} was applied${
      view.approverName === null ? '' : ` (approved by ${mrkdwnText(view.approverName, 80)})`
    }.`,
    `*Companies:* created ${formatCount(r.companiesCreated)} · mapped ${formatCount(r.companiesMapped)} · unmapped ${formatCount(r.companiesUnmapped)} · kept ${formatCount(r.companiesKept)}`,
    `*Users:* imported ${formatCount(r.usersImported)} · mapped ${formatCount(r.usersMapped)} · kept ${formatCount(r.usersKept)}${
      r.usersGoneFromPsa
        ? ` · no longer in the PSA ${formatCount(r.usersGoneFromPsa)} (kept, not removed)`
        : ''
    }`,
    `PSA requests: ${formatCount(view.requestCount)}`,
  ];
  const blocks: Block[] = [
    header(r.errors.length === 0 ? 'Import applied' : 'Import applied with errors'),
    section(lines.join('\n')),
  ];
  if (r.errors.length > 0) {
    const shown = r.errors
      .slice(0, 15)
      .map((issue) => `• *${mrkdwnText(issue.subject, 120)}*: ${mrkdwnText(issue.message, 150)}`);
    if (r.errors.length > 15) shown.push(`…and ${formatCount(r.errors.length - 15)} more`);
    blocks.push(section(`*Errors (${formatCount(r.errors.length)}):*\n${shown.join('\n')}`));
  }
  return {
    text: `Import from ${provider} applied: ${formatCount(r.companiesCreated)} companies created, ${formatCount(r.usersImported)} users imported, ${formatCount(r.errors.length)} errors`,
    blocks,
  };
}
