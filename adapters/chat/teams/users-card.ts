import type { UserBulkAction } from '../../../src/app/intents.js';
import type { ContactRowView, UsersCompanySummary, UsersView } from '../../../src/app/views.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import { carriedOverText } from '../shared/carried-over-text.js';
import { mapCode, encodeUserDecision as userCode } from '../shared/decision-codec.js';
import { messageFor } from '../shared/error-messages.js';
import { contactNotes, userDecisionLabel } from '../shared/text.js';
import { usersSummaryFacts } from '../shared/users-summary-text.js';
import { INPUT, VERBS } from './card-actions.js';
import {
  type Action,
  actionSet,
  buttonRows,
  type Card,
  type Choice,
  card,
  choiceSet,
  columns,
  container,
  type Element,
  execute,
  facts,
  fitted,
  heading,
  text,
} from './card-kit.js';
import { md, ownWords, plain } from './markdown.js';
import { pageActions, pageLine } from './paging.js';

/** Short titles that fit a phone; the counts are in the line above the buttons. */
function bulkLabel(action: UserBulkAction): string {
  switch (action) {
    case 'grant-all-eligible':
      return 'Grant all eligible';
    case 'skip-all':
      return 'Leave out all';
    case 'reset':
      return 'Reset';
  }
}

function bulkLine(offers: UsersView['bulk']): string {
  const count = (action: UserBulkAction) => offers.find((offer) => offer.action === action)?.count ?? 0;
  return `Grant all eligible: ${count('grant-all-eligible').toLocaleString('en-US')} · leave out all: ${count('skip-all').toLocaleString('en-US')}`;
}

/** How much text the card shows; the first level under Teams' size limit wins (see review-card). */
interface Detail {
  readonly name: number;
  readonly facts: number;
  readonly contactTypes: number;
}

const DETAIL: readonly [Detail, ...Detail[]] = [
  { name: 120, facts: 80, contactTypes: 25 },
  { name: 60, facts: 40, contactTypes: 15 },
  { name: 40, facts: 24, contactTypes: 10 },
];

function choicesFor(row: ContactRowView, detail: Detail): Choice[] {
  return row.allowed.map((kind) => {
    if (kind === 'map' && row.sameEmailUser !== null) {
      return {
        title: `Map to existing user ${plain(row.sameEmailUser.email, detail.name)}`,
        value: mapCode(row.sameEmailUser.id),
      };
    }
    const decision = kind === 'map' ? row.decision : ({ kind } as UserDecision);
    return { title: userDecisionLabel(decision, row.previouslyImported), value: userCode(decision) };
  });
}

function contactElement(row: ContactRowView, editable: boolean, detail: Detail): Element {
  const details = [
    row.email === null ? 'no email' : md(row.email, detail.name),
    row.typeNames.length === 0 ? null : md(row.typeNames.join(', '), detail.facts),
    row.active ? null : 'inactive',
    row.previouslyImported ? 'imported before' : null,
  ].filter((part) => part !== null);
  const items: Element[] = [
    text(`**${md(row.name, detail.name)}**`),
    text(details.join(' · '), { isSubtle: true, spacing: 'None' }),
  ];
  for (const note of contactNotes(row)) items.push(text(`ℹ️ ${md(note, detail.name)}`, { spacing: 'None' }));
  if (row.ineligibleReason !== null) {
    items.push(text(`❌ ${md(row.ineligibleReason, detail.name)}`, { color: 'Attention', spacing: 'None' }));
  } else {
    items.push(text(`→ ${userDecisionLabel(row.decision, row.previouslyImported)}`, { weight: 'Bolder' }));
  }
  if (editable && row.ineligibleReason === null && row.allowed.length > 1) {
    items.push(
      choiceSet(INPUT.user(row.psaContactId), choicesFor(row, detail), { value: userCode(row.decision) }),
    );
  }
  return container(items, { separator: true });
}

function summaryElement(
  runId: string,
  summary: UsersCompanySummary,
  editable: boolean,
  detail: Detail,
): Element {
  const line = `**${md(summary.name, detail.name)}**: ${usersSummaryFacts(summary)}`;
  if (!editable) return text(line, { separator: true });
  return columns([
    [text(line)],
    [
      actionSet([
        execute('Users', VERBS.users, { runId, company: summary.psaCompanyId, page: 0 }, { inputs: 'none' }),
      ]),
    ],
  ]);
}

export function usersRowState(view: UsersView): Record<string, string> {
  return Object.fromEntries(view.contacts.map((row) => [String(row.psaContactId), userCode(row.decision)]));
}

/** Step 5: who gets access, for every selected company (overview) or for one company. */
export function usersCard(view: UsersView): Card {
  return fitted(DETAIL, (detail) => usersCardWith(view, detail));
}

function usersCardWith(view: UsersView, detail: Detail): Card {
  const editable = view.run.status === 'reviewing-users';
  const runId = view.run.runId;
  const company = view.company?.psaCompanyId ?? null;
  const licences = view.licences;
  const body: Element[] = [
    heading(
      view.company === null
        ? 'Users of the selected companies'
        : `Users of ${md(view.company.name, detail.name)}`,
    ),
    facts([
      ['Grant (new users)', String(view.counts.usersGrant)],
      ['Keep (imported before)', String(view.counts.usersKeep)],
      ['Map to existing users', String(view.counts.usersMap)],
      ['Left out', String(view.counts.usersSkip)],
      ['Not eligible', String(view.counts.usersIneligible)],
      ['Licences', `${licences.needed} needed, ${licences.free} free`],
    ]),
  ];
  if (view.carriedOver !== undefined) body.push(text(`ℹ️ ${carriedOverText(view.carriedOver)}`));
  if (!licences.enough) {
    const message = messageFor('insufficient_licenses', {
      licencesFree: licences.free,
      licencesNeeded: licences.needed,
    });
    body.push(text(`⚠️ ${md(message.text, 400)}. ${ownWords(message.nextStep)}`, { color: 'Attention' }));
  }
  if (editable && view.bulk.length > 0) {
    if (view.contactTypes.length > 0) {
      body.push(
        choiceSet(
          INPUT.contactType,
          view.contactTypes
            .slice(0, detail.contactTypes)
            .map((type) => ({ title: plain(type, detail.name), value: type })),
          // Nothing picked (the placeholder) means every type: an empty value is no choice.
          { label: 'Bulk actions apply to', placeholder: 'All contact types' },
        ),
      );
    }
    body.push(text(bulkLine(view.bulk), { isSubtle: true }));
    body.push(
      ...buttonRows(
        view.bulk.map((offer) =>
          execute(bulkLabel(offer.action), VERBS.bulkUsers, {
            runId,
            company,
            action: offer.action,
            page: view.paging.page,
          }),
        ),
      ),
    );
  }
  if (view.company === null) {
    body.push(...view.companies.map((summary) => summaryElement(runId, summary, editable, detail)));
    body.push(text(pageLine(view.paging, 'companies'), { isSubtle: true, separator: true }));
  } else {
    body.push(...view.contacts.map((row) => contactElement(row, editable, detail)));
    body.push(text(pageLine(view.paging, 'contacts'), { isSubtle: true, separator: true }));
  }
  if (!editable) return card(body);

  const state = { runId, company, rows: usersRowState(view) };
  const navigation: Action[] = [...pageActions(VERBS.users, view.paging, state)];
  if (view.company !== null)
    navigation.push(execute('Save', VERBS.users, { ...state, page: view.paging.page }));
  const elsewhere =
    view.company === null
      ? execute('Back to companies', VERBS.backToCompanies, { runId, page: 0 }, { inputs: 'none' })
      : execute('All companies', VERBS.users, { ...state, company: null, page: 0 });
  // "Submit for approval" and "Cancel import" do not fit side by side on a phone.
  body.push(
    ...buttonRows(navigation, 3),
    actionSet([
      elsewhere,
      execute('Cancel import', VERBS.cancel, { runId }, { style: 'destructive', inputs: 'none' }),
    ]),
  );
  return card(body, [execute('Submit for approval', VERBS.submit, state, { style: 'positive' })]);
}
