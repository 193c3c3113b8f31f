import type { Intent } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import type { ErrorCode } from '../../../src/domain/errors.js';
import { companyBulkAction, userBulkAction } from '../shared/bulk-actions.js';
import { decodeCompanyDecision } from '../shared/decision-codec.js';
import { firstDelivery } from '../shared/dedupe.js';
import { ProgressThrottle } from '../shared/progress-throttle.js';
import { approve, openRejectForm } from './approval-flow.js';
import { exportReview } from './export-flow.js';
import { runImport } from './import-flow.js';
import { handleModalAction, openUsersModal } from './modal-handler.js';
import { mrkdwnText } from './mrkdwn.js';
import type { ActionPayload, BlockActionsPayload } from './payloads.js';
import { blockActionsSchema, interactionSender } from './payloads.js';
import { ACTION, decodeRef, type Ref, splitActionId } from './refs.js';
import { renderApproval } from './render/approval-message.js';
import { decodeDigestStart } from './render/digest-message.js';
import { renderNote } from './render/progress-message.js';
import { REVIEW_PAGE_SIZE } from './render/review-message.js';
import { renderError } from './render/simple-views.js';
import { USERS_PAGE_SIZE } from './render/users-message.js';
import { renderThreadMessage } from './render/work-message.js';
import { Conversation, identify, type SlackDeps } from './slack-context.js';
import type { MessagePlace } from './thread.js';

/** Errors that mean the clicked message is out of date: its buttons are removed. */
const STALE: readonly ErrorCode[] = ['run_finished', 'approval_expired', 'lock_lost', 'run_not_found'];

function refOf(action: ActionPayload): Ref | null {
  return decodeRef(action.value) ?? decodeRef(action.block_id);
}

function placeOf(payload: BlockActionsPayload): MessagePlace | null {
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  if (channel === undefined || ts === undefined) return null;
  return { channel, ts, threadTs: payload.message?.thread_ts ?? ts };
}

/** Shows a view in the clicked message, or explains privately why the click did nothing. */
async function showInPlace(conversation: Conversation, place: MessagePlace, view: View): Promise<void> {
  if (view.kind === 'error') {
    await conversation.tell(renderError(view.code, view.details));
    if (STALE.includes(view.code)) {
      const note = `:information_source: ${mrkdwnText(renderError(view.code, view.details).text, 300)}`;
      await conversation.deps.api.update(place.channel, place.ts, renderNote(note, 'This import moved on'));
    }
    return;
  }
  await conversation.deps.api.update(place.channel, place.ts, renderThreadMessage(view));
}

/** Contacts are fetched with progress shown in the clicked message; on failure it shows the run again. */
async function continueToUsers(
  conversation: Conversation,
  place: MessagePlace,
  runId: string,
): Promise<void> {
  const paging = { page: 0, pageSize: USERS_PAGE_SIZE };
  const view = await withProgress(conversation, place, { kind: 'continue-to-users', runId, paging });
  await showInPlace(conversation, place, view);
  if (view.kind !== 'error') return;
  const current = await conversation.handle({
    kind: 'show-run',
    runId,
    paging: { page: 0, pageSize: REVIEW_PAGE_SIZE },
  });
  if (current.kind === 'review' || current.kind === 'users') {
    await conversation.deps.api.update(place.channel, place.ts, renderThreadMessage(current));
  }
}

async function withProgress(conversation: Conversation, place: MessagePlace, intent: Intent): Promise<View> {
  const { api, clock, logger, progressIntervalMs } = conversation.deps;
  const reporter = new ProgressThrottle(
    (progress) => api.update(place.channel, place.ts, renderThreadMessage(progress)),
    clock,
    logger,
    progressIntervalMs,
  );
  const view = await conversation.handle(intent, { onProgress: reporter.push });
  await reporter.settle();
  return view;
}

async function submit(conversation: Conversation, place: MessagePlace, runId: string): Promise<void> {
  const view = await conversation.handle({ kind: 'submit', runId });
  if (view.kind !== 'approval') return showInPlace(conversation, place, view);
  const { api } = conversation.deps;
  await api.post(place.channel, renderApproval(view), place.threadTs);
  const who = mrkdwnText(conversation.actor.displayName, 80);
  await api.update(
    place.channel,
    place.ts,
    renderNote(
      `:outbox_tray: Submitted for approval by ${who}. The approval request is below.`,
      'Submitted for approval',
    ),
  );
}

async function route(
  conversation: Conversation,
  payload: BlockActionsPayload,
  action: ActionPayload,
): Promise<void> {
  const control = splitActionId(action.action_id);
  if (control?.name === ACTION.digestImport) return startFromDigest(conversation, payload, action);
  const ref = refOf(action);
  const place = placeOf(payload);
  if (control === null || ref === null || place === null) return;
  const review = { page: ref.p, pageSize: REVIEW_PAGE_SIZE };
  const users = { page: ref.p, pageSize: USERS_PAGE_SIZE };
  const show = async (intent: Intent) => showInPlace(conversation, place, await conversation.handle(intent));
  const runId = ref.r;
  switch (control.name) {
    case ACTION.reviewPage:
      return show({ kind: 'review', runId, paging: review });
    case ACTION.companyDecision: {
      const decision = decodeCompanyDecision(action.selected_option?.value ?? '');
      if (decision === null || ref.c === undefined) return;
      return show({
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: ref.c, decision }],
        paging: review,
      });
    }
    case ACTION.companySearch: {
      const companyId = action.selected_option?.value;
      if (companyId === undefined || ref.c === undefined) return;
      return show({
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: ref.c, decision: { kind: 'map', companyId } }],
        paging: review,
      });
    }
    case ACTION.companyBulk: {
      const bulk = companyBulkAction(ref.a);
      if (bulk === null) return;
      return show({ kind: 'bulk-companies', runId, action: bulk, paging: review });
    }
    case ACTION.continueToUsers:
      return continueToUsers(conversation, place, runId);
    case ACTION.backToCompanies:
      return show({ kind: 'back-to-companies', runId, paging: { page: 0, pageSize: REVIEW_PAGE_SIZE } });
    case ACTION.usersPage:
      return show({ kind: 'users', runId, psaCompanyId: null, paging: users });
    case ACTION.usersBulk: {
      const bulk = userBulkAction(ref.a);
      if (bulk === null) return;
      return show({
        kind: 'bulk-users',
        runId,
        psaCompanyId: null,
        action: bulk,
        contactType: null,
        paging: users,
      });
    }
    case ACTION.manageUsers:
      if (payload.trigger_id === undefined || ref.c === undefined) return;
      return openUsersModal(conversation, payload.trigger_id, ref, place);
    case ACTION.submit:
      return submit(conversation, place, runId);
    case ACTION.approve:
      return approve(conversation, place, ref);
    case ACTION.reject:
      if (payload.trigger_id === undefined) return;
      return openRejectForm(conversation, payload.trigger_id, ref, place);
    case ACTION.exportCsv:
      return exportReview(conversation, runId, { channel: place.channel, threadTs: place.threadTs });
    case ACTION.cancel: {
      const view = await conversation.handle({ kind: 'cancel', runId });
      if (view.kind === 'error') return showInPlace(conversation, place, view);
      const who = mrkdwnText(conversation.actor.displayName, 80);
      return conversation.deps.api.update(
        place.channel,
        place.ts,
        renderNote(`:no_entry_sign: Cancelled by ${who}.`, 'Import cancelled'),
      );
    }
    default:
      return;
  }
}

/** Issue 14: a digest's Start import opens the normal review, in a thread of the digest's channel. */
async function startFromDigest(
  conversation: Conversation,
  payload: BlockActionsPayload,
  action: ActionPayload,
): Promise<void> {
  const start = decodeDigestStart(action.value);
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  if (start === null || channel === undefined) return;
  await runImport(conversation, channel, start.provider, start.filterText);
}

/** A button, select or checkbox, after the ack. */
export async function handleAction(deps: SlackDeps, body: unknown): Promise<void> {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({}, 'slack action payload not understood');
    return;
  }
  const payload = parsed.data;
  const [action] = payload.actions;
  if (action === undefined) return;
  const key = `${payload.user.id}:${action.action_id}:${action.action_ts}`;
  if (!(await firstDelivery(deps.bot, 'slack', 'action', key))) return;
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const target = { responseUrl: payload.response_url, channel, user: payload.user.id };
  const actor = await identify(deps, interactionSender(payload));
  if (actor === null) {
    if (channel !== undefined) await deps.api.ephemeral(target, renderError('foreign_user'));
    return;
  }
  const conversation = new Conversation(deps, actor, target);
  await conversation.guard('action', () =>
    payload.container?.type === 'view' && payload.view !== undefined
      ? handleModalAction(conversation, payload, action)
      : route(conversation, payload, action),
  );
}
