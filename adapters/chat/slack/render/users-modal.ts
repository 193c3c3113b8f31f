import type { ContactRowView, UsersView } from '../../../../src/app/views.js';
import { USER_BULK_ACTIONS, userBulkLabel } from '../../shared/bulk-actions.js';
import { encodeUserDecision } from '../../shared/decision-codec.js';
import { contactNotes } from '../../shared/text.js';
import { LIMITS } from '../block-kit-limits.js';
import {
  actions,
  type Block,
  button,
  divider,
  type Element,
  modalTitle,
  option,
  plain,
  type SlackModal,
  section,
} from '../blocks.js';
import { formatCount, mrkdwnText } from '../mrkdwn.js';
import { ACTION, CALLBACK, encodeMeta, encodeRef, type ModalMeta, type Ref } from '../refs.js';
import { countsLines } from './labels.js';
import { navigation } from './navigation.js';
import { licenceText } from './users-message.js';

/** Contacts per modal page: one checkbox group holds at most 10 options. */
export const CONTACTS_PAGE_SIZE = LIMITS.checkboxOptions;
/** The contact type option that means every type. */
export const ALL_CONTACT_TYPES = '*';

function decisionText(contact: ContactRowView): string {
  switch (contact.decision.kind) {
    case 'grant':
      return contact.previouslyImported
        ? '→ keep access (imported before)'
        : '→ grant access (new user, 1 licence)';
    case 'map':
      return `→ map to existing user ${mrkdwnText(contact.sameEmailUser?.email ?? 'picked user', 120)}`;
    case 'unmap-create':
      return '→ unmap and create a new user';
    case 'skip':
      return '→ leave out';
  }
}

function contactText(contact: ContactRowView): string {
  const facts = [contact.email === null ? '_no email_' : mrkdwnText(contact.email, 200)];
  if (contact.typeNames.length > 0) facts.push(mrkdwnText(contact.typeNames.join(', '), 150));
  if (!contact.active) facts.push('inactive');
  if (contact.previouslyImported) facts.push('imported before');
  const lines = [`*${mrkdwnText(contact.name || 'Unnamed contact', 150)}* · ${facts.join(' · ')}`];
  for (const note of contactNotes(contact)) lines.push(`:information_source: ${mrkdwnText(note, 300)}`);
  if (contact.ineligibleReason !== null) lines.push(`:x: ${mrkdwnText(contact.ineligibleReason, 300)}`);
  else lines.push(decisionText(contact));
  return lines.join('\n');
}

function contactMenu(contact: ContactRowView): Element | undefined {
  const options: Element[] = [];
  for (const kind of contact.allowed) {
    if (kind === 'grant')
      options.push(option(contact.previouslyImported ? 'Keep access' : 'Grant access', 'grant'));
    if (kind === 'map' && contact.sameEmailUser !== null) {
      options.push(
        option(
          `Map to ${contact.sameEmailUser.email}`,
          encodeUserDecision({ kind: 'map', userId: contact.sameEmailUser.id }),
        ),
      );
    }
    if (kind === 'unmap-create') options.push(option('Unmap, create new user', 'unmap-create'));
    if (kind === 'skip') options.push(option('Leave out', 'skip'));
  }
  const usable = options
    .filter((entry) => String(entry.value).length <= LIMITS.optionValue)
    .slice(0, LIMITS.overflowOptionsMax);
  if (usable.length < 2) return undefined;
  return {
    type: 'overflow',
    action_id: `${ACTION.contactDecision}:${contact.psaContactId}`,
    options: usable,
  };
}

/**
 * Contacts a checkbox describes truthfully: checked means a new user, unchecked means left out. A
 * contact mapped to an existing user is neither, so it stays out of the group (its menu changes it).
 */
function checkable(contact: ContactRowView): boolean {
  return (
    contact.ineligibleReason === null && contact.allowed.includes('grant') && contact.decision.kind !== 'map'
  );
}

function checkboxes(contacts: readonly ContactRowView[], ref: Ref): Block | null {
  const eligible = contacts.filter(checkable);
  if (eligible.length === 0) return null;
  const options = eligible
    .slice(0, LIMITS.checkboxOptions)
    .map((contact) =>
      option(contact.name || 'Unnamed contact', String(contact.psaContactId), contact.email ?? 'no email'),
    );
  const selected = options.filter((_, index) => {
    const kind = eligible[index]?.decision.kind;
    return kind === 'grant' || kind === 'unmap-create';
  });
  const element: Element = {
    type: 'checkboxes',
    action_id: ACTION.contactsCheck,
    options,
    ...(selected.length === 0 ? {} : { initial_options: selected }),
  };
  return actions([element], encodeRef({ ...ref, a: 'check' }));
}

function narrowing(view: UsersView, ref: Ref, contactType: string | undefined): Block {
  const scope = contactType === undefined ? '' : ` (${contactType})`;
  const elements: Element[] = [];
  if (view.contactTypes.length > 0) {
    const all = option('All contact types', ALL_CONTACT_TYPES);
    const typeOptions = [
      all,
      ...view.contactTypes
        .slice(0, LIMITS.staticOptions - 1)
        .map((name) => option(name, name.slice(0, LIMITS.optionValue))),
    ];
    const initial = typeOptions.find((entry) => entry.value === (contactType ?? ALL_CONTACT_TYPES)) ?? all;
    elements.push({
      type: 'static_select',
      action_id: ACTION.contactType,
      options: typeOptions,
      initial_option: initial,
    });
  }
  for (const offer of view.bulk) {
    if (offer.action === 'reset' && offer.count === 0) continue;
    // Counts are for every type; with a type picked the label names the scope instead.
    const label =
      contactType === undefined || offer.action === 'reset'
        ? userBulkLabel(offer.action, formatCount(offer.count))
        : `${USER_BULK_ACTIONS[offer.action].uncounted}${scope}`;
    elements.push(
      button(label, `${ACTION.modalBulk}:${offer.action}`, encodeRef({ ...ref, a: offer.action })),
    );
  }
  return actions(elements, encodeRef({ ...ref, a: 'narrow' }));
}

/** One company's contacts: checkboxes to grant, a menu per contact, red-X reasons, paging. */
export function renderUsersModal(view: UsersView, meta: ModalMeta): SlackModal {
  const company = view.company;
  const ref: Ref = { r: view.run.runId, v: view.run.version, p: view.paging.page, c: company?.psaCompanyId };
  const name = company === null ? 'This company' : mrkdwnText(company.name, 200);
  const blocks: Block[] = [
    section(
      [
        `*${name}*: ${formatCount(view.paging.totalItems)} contacts`,
        ...countsLines(view.counts),
        licenceText(view.licences),
      ].join('\n'),
    ),
    narrowing(view, ref, meta.contactType),
    divider(),
  ];
  const boxes = checkboxes(view.contacts, ref);
  const mapped = view.contacts.filter((contact) => contact.decision.kind === 'map').length;
  if (boxes !== null) {
    const note = mapped === 0 ? '' : ` ${formatCount(mapped)} mapped to an existing user are listed below.`;
    blocks.push(section(`*Grant access* (checked contacts get a new user):${note}`), boxes);
  }
  for (const contact of view.contacts) {
    blocks.push(
      section(
        contactText(contact),
        contactMenu(contact),
        encodeRef({ ...ref, a: `contact-${contact.psaContactId}` }),
      ),
    );
  }
  if (view.contacts.length === 0) blocks.push(section('_This company has no contacts in the PSA._'));
  blocks.push(...navigation(ACTION.modalPage, view.paging, ref, 'contacts'));
  return {
    type: 'modal',
    callback_id: CALLBACK.users,
    title: modalTitle('Users'),
    submit: plain('Done', LIMITS.modalButton),
    close: plain('Close', LIMITS.modalButton),
    notify_on_close: true,
    private_metadata: encodeMeta({ ...meta, ref }),
    blocks,
  };
}
