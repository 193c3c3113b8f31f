import type { Intent } from '../../../src/app/intents.js';
import type { View } from '../../../src/app/views.js';
import { userBulkAction } from '../shared/bulk-actions.js';
import { decodeUserDecision } from '../shared/decision-codec.js';
import type { ActionPayload, BlockActionsPayload } from './payloads.js';
import { ACTION, decodeMeta, decodeRef, type ModalMeta, type Ref, splitActionId } from './refs.js';
import { renderLoadingModal, renderMessageModal } from './render/connect-modal.js';
import { renderError, renderSimpleView } from './render/simple-views.js';
import { renderUsersOverview, USERS_PAGE_SIZE } from './render/users-message.js';
import { ALL_CONTACT_TYPES, CONTACTS_PAGE_SIZE, renderUsersModal } from './render/users-modal.js';
import type { Conversation } from './slack-context.js';
import type { MessagePlace } from './thread.js';

async function showModal(
  conversation: Conversation,
  viewId: string,
  view: View,
  meta: ModalMeta,
): Promise<void> {
  const { api } = conversation.deps;
  if (view.kind === 'users' && view.company !== null) {
    await api.updateModal(viewId, renderUsersModal(view, meta));
    return;
  }
  const message =
    view.kind === 'error'
      ? renderError(view.code, view.details)
      : (renderSimpleView(view) ?? renderError('internal'));
  await api.updateModal(viewId, renderMessageModal('Users', message));
}

/** "Manage users" on the overview: the modal opens at once, then shows the company's contacts. */
export async function openUsersModal(
  conversation: Conversation,
  triggerId: string,
  ref: Ref,
  place: MessagePlace,
): Promise<void> {
  const meta: ModalMeta = { channel: place.channel, ts: place.ts, threadTs: place.threadTs, page: ref.p };
  const viewId = await conversation.deps.api.openModal(triggerId, renderLoadingModal('Users', meta));
  const view = await conversation.handle({
    kind: 'users',
    runId: ref.r,
    psaCompanyId: ref.c ?? null,
    paging: { page: 0, pageSize: CONTACTS_PAGE_SIZE },
  });
  await showModal(conversation, viewId, view, meta);
}

/** The checkboxes as we rendered them (offered and checked), read back from the clicked modal. */
function renderedCheckboxes(blocks: readonly unknown[]): { offered: Set<string>; checked: Set<string> } {
  const offered = new Set<string>();
  const checked = new Set<string>();
  const valuesOf = (options: unknown, into: Set<string>): void => {
    for (const option of Array.isArray(options) ? (options as { value?: unknown }[]) : []) {
      if (typeof option.value === 'string') into.add(option.value);
    }
  };
  for (const block of blocks) {
    const elements = (block as { elements?: unknown }).elements;
    if (!Array.isArray(elements)) continue;
    for (const element of elements as {
      action_id?: unknown;
      options?: unknown;
      initial_options?: unknown;
    }[]) {
      if (element.action_id !== ACTION.contactsCheck) continue;
      valuesOf(element.options, offered);
      valuesOf(element.initial_options, checked);
    }
  }
  return { offered, checked };
}

/** Grants and removals implied by a checkbox click: only contacts whose box changed. */
function checkboxIntents(ref: Ref, blocks: readonly unknown[], action: ActionPayload): Intent[] {
  const { offered, checked: before } = renderedCheckboxes(blocks);
  const after = new Set((action.selected_options ?? []).map((option) => option.value));
  const paging = { page: ref.p, pageSize: CONTACTS_PAGE_SIZE };
  const intents: Intent[] = [];
  for (const value of offered) {
    const id = Number(value);
    if (!Number.isInteger(id) || before.has(value) === after.has(value)) continue;
    intents.push({
      kind: 'decide-users',
      runId: ref.r,
      decisions: [{ psaContactId: id, decision: after.has(value) ? { kind: 'grant' } : { kind: 'skip' } }],
      paging,
    });
  }
  return intents;
}

/** A click inside the users modal; the modal is redrawn with the core's answer. */
export async function handleModalAction(
  conversation: Conversation,
  payload: BlockActionsPayload,
  action: ActionPayload,
): Promise<void> {
  const modal = payload.view;
  const control = splitActionId(action.action_id);
  if (modal === undefined || control === null) return;
  let meta = decodeMeta(modal.private_metadata);
  const ref = decodeRef(action.value) ?? meta.ref;
  if (ref === undefined || ref === null || ref.c === undefined) return;
  const paging = { page: ref.p, pageSize: CONTACTS_PAGE_SIZE };
  const companyUsers: Intent = { kind: 'users', runId: ref.r, psaCompanyId: ref.c, paging };
  let intents: Intent[] = [];
  switch (control.name) {
    case ACTION.contactsCheck:
      intents = checkboxIntents(ref, modal.blocks, action);
      break;
    case ACTION.contactDecision: {
      const decision = decodeUserDecision(action.selected_option?.value ?? '');
      const contactId = Number(control.suffix);
      if (decision === null || !Number.isInteger(contactId)) return;
      intents = [
        { kind: 'decide-users', runId: ref.r, decisions: [{ psaContactId: contactId, decision }], paging },
      ];
      break;
    }
    case ACTION.contactType: {
      const value = action.selected_option?.value;
      meta = { ...meta, contactType: value === undefined || value === ALL_CONTACT_TYPES ? undefined : value };
      intents = [companyUsers];
      break;
    }
    case ACTION.modalPage:
      intents = [companyUsers];
      break;
    case ACTION.modalBulk: {
      const bulk = userBulkAction(ref.a);
      if (bulk === null) return;
      intents = [
        {
          kind: 'bulk-users',
          runId: ref.r,
          psaCompanyId: ref.c,
          action: bulk,
          contactType: meta.contactType ?? null,
          paging,
        },
      ];
      break;
    }
    default:
      return;
  }
  let view: View | null = null;
  for (const intent of intents) {
    view = await conversation.handle(intent);
    if (view.kind === 'error') break;
  }
  await showModal(conversation, modal.id, view ?? (await conversation.handle(companyUsers)), meta);
}

/** When the modal closes (Done or Close), the overview in the thread shows the new counts. */
export async function refreshOverview(
  conversation: Conversation,
  metaText: string | undefined,
): Promise<void> {
  const meta = decodeMeta(metaText);
  if (meta.ref === undefined || meta.channel === undefined || meta.ts === undefined) return;
  const view = await conversation.handle({
    kind: 'users',
    runId: meta.ref.r,
    psaCompanyId: null,
    paging: { page: meta.page ?? 0, pageSize: USERS_PAGE_SIZE },
  });
  if (view.kind !== 'users') return;
  await conversation.deps.api.update(meta.channel, meta.ts, renderUsersOverview(view));
}
