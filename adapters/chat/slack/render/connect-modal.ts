import type { Provider } from '../../../../src/domain/provider.js';
import { connectFormTitle, PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import type { CredentialField } from '../../../../src/ports/psa-gateway.js';
import { LIMITS } from '../block-kit-limits.js';
import {
  type Block,
  context,
  modalTitle,
  plain,
  type SlackMessage,
  type SlackModal,
  section,
} from '../blocks.js';
import { CALLBACK, encodeMeta, type ModalMeta } from '../refs.js';

/**
 * Input block ids and action ids are both the field key, so the submission maps straight back to
 * credentials and no action id repeats in the modal.
 */

/** Opened at once so the trigger (valid 3 s) is used before the core is asked for the form. */
export function renderLoadingModal(title: string, meta: ModalMeta): SlackModal {
  return {
    type: 'modal',
    callback_id: CALLBACK.notice,
    title: modalTitle(title),
    close: plain('Close', LIMITS.modalButton),
    private_metadata: encodeMeta(meta),
    blocks: [section(':hourglass_flowing_sand: Loading…')],
  };
}

export function renderConnectModal(
  provider: Provider,
  fields: readonly CredentialField[],
  meta: ModalMeta,
): SlackModal {
  const blocks: Block[] = [
    section(
      `Enter the API credentials for *${PROVIDER_LABELS[provider]}*. They are tested, stored encrypted, and never shown, logged or posted again.`,
    ),
  ];
  for (const field of fields.slice(0, LIMITS.modalBlocks - 3)) {
    blocks.push({
      type: 'input',
      block_id: field.key,
      optional: field.optional,
      label: plain(field.label, LIMITS.inputLabel),
      ...(field.hint === '' ? {} : { hint: plain(field.hint, LIMITS.inputLabel) }),
      element: { type: 'plain_text_input', action_id: field.key },
    });
  }
  blocks.push(
    context(
      'Slack has no hidden text field: make sure nobody is looking at your screen while you type secrets.',
    ),
  );
  return {
    type: 'modal',
    callback_id: CALLBACK.connect,
    title: modalTitle(connectFormTitle(provider)),
    submit: plain('Test and save', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeMeta({ ...meta, provider }),
    blocks,
  };
}

/** A modal that only shows a message (the result of a form, or an error). */
export function renderMessageModal(title: string, message: SlackMessage): SlackModal {
  return {
    type: 'modal',
    callback_id: CALLBACK.notice,
    title: modalTitle(title),
    close: plain('Close', LIMITS.modalButton),
    blocks: message.blocks,
  };
}

export function renderRejectModal(meta: ModalMeta): SlackModal {
  return {
    type: 'modal',
    callback_id: CALLBACK.reject,
    title: modalTitle('Reject import'),
    submit: plain('Reject', LIMITS.modalButton),
    close: plain('Back', LIMITS.modalButton),
    private_metadata: encodeMeta(meta),
    blocks: [
      section('Tell the requester why this import is rejected. They will read it in the thread.'),
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Reason', LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
      },
    ],
  };
}
