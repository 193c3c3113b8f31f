import type { ContactRowView, UsersCompanySummary, UsersView } from '../../../src/app/views.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import { userBulkLabel } from '../shared/bulk-actions.js';
import { mapCode, encodeUserDecision as userCode } from '../shared/decision-codec.js';
import { messageFor } from '../shared/error-messages.js';
import { userDecisionLabel } from '../shared/text.js';
import { INPUT, VERBS } from './card-actions.js';
import {
  type Action,
  actionSet,
  type Card,
  type Choice,
  card,
  choiceSet,
  columns,
  container,
  type Element,
  execute,
  facts,
  heading,
  text,
} from './card-kit.js';
import { md, plain } from './markdown.js';
import { pageActions, pageLine } from './paging.js';

function choicesFor(row: ContactRowView): Choice[] {
  return row.allowed.map((kind) => {
    if (kind === 'map' && row.sameEmailUser !== null) {
      return {
        title: `Map to existing user ${plain(row.sameEmailUser.email, 60)}`,
        value: mapCode(row.sameEmailUser.id),
      };
    }
    const decision = kind === 'map' ? row.decision : ({ kind } as UserDecision);
    return { title: userDecisionLabel(decision, row.previouslyImported), value: userCode(decision) };
  });
}

function contactElement(row: ContactRowView, editable: boolean): Element {
  const details = [
    row.email === null ? 'no email' : md(row.email, 120),
    row.typeNames.length === 0 ? null : md(row.typeNames.join(', '), 80),
    row.active ? null : 'inactive',
    row.previouslyImported ? 'imported before' : null,
  ].filter((part) => part !== null);
  const items: Element[] = [
    text(`**${md(row.name, 120)}**`),
    text(details.join(' · '), { isSubtle: true, spacing: 'None' }),
  ];
  if (row.ineligibleReason !== null) {
    items.push(text(`❌ ${md(row.ineligibleReason, 300)}`, { color: 'Attention', spacing: 'None' }));
  } else {
    items.push(text(`→ ${userDecisionLabel(row.decision, row.previouslyImported)}`, { weight: 'Bolder' }));
  }
  if (editable && row.ineligibleReason === null && row.allowed.length > 1) {
    items.push(choiceSet(INPUT.user(row.psaContactId), choicesFor(row), { value: userCode(row.decision) }));
  }
  return container(items, { separator: true });
}

function summaryElement(runId: string, summary: UsersCompanySummary, editable: boolean): Element {
  const line = `**${md(summary.name, 120)}**: ${summary.granted} of ${summary.eligible} eligible get access, ${summary.ineligible} not eligible`;
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
  const editable = view.run.status === 'reviewing-users';
  const runId = view.run.runId;
  const company = view.company?.psaCompanyId ?? null;
  const licences = view.licences;
  const body: Element[] = [
    heading(
      view.company === null ? 'Users of the selected companies' : `Users of ${md(view.company.name, 120)}`,
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
  if (!licences.enough) {
    const message = messageFor('insufficient_licenses', {
      licencesFree: licences.free,
      licencesNeeded: licences.needed,
    });
    body.push(text(`⚠️ ${message.text}. ${message.nextStep}`, { color: 'Attention' }));
  }
  if (editable && view.bulk.length > 0) {
    if (view.contactTypes.length > 0) {
      body.push(
        choiceSet(
          INPUT.contactType,
          [
            { title: 'All contact types', value: '' },
            ...view.contactTypes.map((type) => ({ title: plain(type, 60), value: type })),
          ],
          { label: 'Bulk actions apply to', value: '' },
        ),
      );
    }
    body.push(
      actionSet(
        view.bulk.map((offer) =>
          execute(userBulkLabel(offer.action, String(offer.count)), VERBS.bulkUsers, {
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
    body.push(...view.companies.map((summary) => summaryElement(runId, summary, editable)));
    body.push(text(pageLine(view.paging, 'companies'), { isSubtle: true, separator: true }));
  } else {
    body.push(...view.contacts.map((row) => contactElement(row, editable)));
    body.push(text(pageLine(view.paging, 'contacts'), { isSubtle: true, separator: true }));
  }
  if (!editable) return card(body);

  const state = { runId, company, rows: usersRowState(view) };
  const actions: Action[] = [...pageActions(VERBS.users, view.paging, state)];
  if (view.company === null) {
    actions.push(execute('Back to companies', VERBS.backToCompanies, { runId, page: 0 }, { inputs: 'none' }));
  } else {
    actions.push(
      execute('Save', VERBS.users, { ...state, page: view.paging.page }),
      execute('All companies', VERBS.users, { ...state, company: null, page: 0 }),
    );
  }
  actions.push(
    execute('Submit for approval', VERBS.submit, state, { style: 'positive' }),
    execute('Cancel import', VERBS.cancel, { runId }, { style: 'destructive', inputs: 'none' }),
  );
  return card(body, actions);
}
