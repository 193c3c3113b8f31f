import type { View } from '../../../src/app/views.js';
import type { ErrorCode, ErrorDetails } from '../../../src/domain/errors.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { digestHistoryLine, scheduleLine } from '../shared/digest-text.js';
import { messageFor } from '../shared/error-messages.js';
import { companiesNextCommand, companiesSummary, countOf } from '../shared/text.js';
import { type Card, card, type Element, heading, text } from './card-kit.js';
import { md, ownWords } from './markdown.js';
import { runLine } from './run-cards.js';

const LIST_SHOWN = 25;

export function errorCard(code: ErrorCode, details: ErrorDetails = {}): Card {
  const message = messageFor(code, details);
  // Our own words, but hints may quote what the admin typed: escape like any other text.
  return card([
    text(`⚠️ ${md(message.text, 400)}`, { weight: 'Bolder', color: 'Attention' }),
    text(ownWords(message.nextStep)),
  ]);
}

/** The next page of `/psa companies` as the command to type (the same grammar everywhere). */
function companiesMore(view: Extract<View, { kind: 'companies' }>): Element[] {
  const next = companiesNextCommand(view);
  if (next === null) return [];
  const query = next.query === '' ? '' : `${md(next.query, 100)} `;
  return [text(`More: /psa companies ${query}page ${next.page}`, { isSubtle: true })];
}

function listed(lines: readonly string[], empty: string): Element[] {
  if (lines.length === 0) return [text(empty, { isSubtle: true })];
  const shown = lines.slice(0, LIST_SHOWN).map((line) => text(line, { spacing: 'Small' }));
  if (lines.length > LIST_SHOWN)
    shown.push(text(`and ${lines.length - LIST_SHOWN} more.`, { isSubtle: true }));
  return shown;
}

type MessageView = Extract<
  View,
  {
    kind:
      | 'help'
      | 'notice'
      | 'error'
      | 'connected'
      | 'status'
      | 'history'
      | 'admins'
      | 'licenses'
      | 'companies'
      | 'company-options'
      | 'export';
  }
>;

/** Every view that is a plain message rather than a step of the import. */
export function messageCard(view: MessageView): Card {
  switch (view.kind) {
    case 'error':
      return errorCard(view.code, view.details);
    case 'notice': {
      const icon = view.tone === 'success' ? '✅ ' : view.tone === 'warning' ? '⚠️ ' : '';
      const subject = view.subject === undefined ? '' : `: ${md(view.subject, 200)}`;
      return card([text(`${icon}${md(view.text, 400)}${subject}`)]);
    }
    case 'connected':
      return card([text(`✅ Connected to ${PROVIDER_LABELS[view.provider]}. The connection test passed.`)]);
    case 'help':
      return card([
        heading('PSA import'),
        text('Use **Import from PSA** in the message box (…) menu, or write to the bot:'),
        ...view.commands.map((command) =>
          text(`**${md(command.usage, 120)}** ${md(command.summary, 200)}`, { spacing: 'Small' }),
        ),
      ]);
    case 'status':
      return card([
        heading('Status'),
        text(
          view.integrations.length === 0
            ? 'No PSA connected yet.'
            : `Connected: ${view.integrations.map((provider) => PROVIDER_LABELS[provider]).join(', ')}`,
        ),
        ...listed(view.open.map(runLine), 'No import in progress.'),
        ...(view.schedules ?? []).map((schedule) =>
          text(md(scheduleLine(schedule), 300), { spacing: 'Small' }),
        ),
      ]);
    case 'history':
      return card([
        heading('Recent imports'),
        ...listed(view.runs.map(runLine), 'No imports yet.'),
        ...(view.digests ?? []).map((entry) => text(md(digestHistoryLine(entry), 300), { spacing: 'Small' })),
      ]);
    case 'admins':
      return card([
        heading('Admins'),
        text(
          `Approval policy: ${view.approvalPolicy === 'self' ? 'an admin may approve their own import' : 'a second admin approves'}`,
        ),
        ...listed(
          view.admins.map(
            (admin) => `${md(admin.displayName, 80)} (${admin.platform}: ${md(admin.userId, 80)})`,
          ),
          'No admins.',
        ),
      ]);
    case 'licenses':
      return card([text(`Licences: ${view.used} used of ${view.total}; ${view.free} free.`)]);
    case 'companies':
      return card([
        heading('Managed companies'),
        text(companiesSummary(view), { isSubtle: true }),
        ...listed(
          view.companies.map((company) => md(company.name, 120)),
          'No managed companies.',
        ),
        ...companiesMore(view),
      ]);
    case 'company-options':
      return card(
        listed(
          view.options.map((option) => md(option.name, 120)),
          'No matching companies.',
        ),
      );
    case 'export':
      return card([
        text(
          `The review has ${countOf(view.csv.split('\n').length - 1, 'row')}. CSV downloads are offered in Slack and the terminal; Teams cards show the same list page by page.`,
        ),
      ]);
  }
}
