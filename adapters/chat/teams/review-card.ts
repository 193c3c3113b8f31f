import type { ReviewRowView, ReviewView } from '../../../src/app/views.js';
import type { CompanyDecision } from '../../../src/domain/decisions.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { companyBulkLabel } from '../shared/bulk-actions.js';
import { encodeCompanyDecision as companyCode, mapCode } from '../shared/decision-codec.js';
import {
  activeLabel,
  companyDecisionLabel,
  companyStatusLabel,
  formatDate,
  runStatusLabel,
} from '../shared/text.js';
import { COMPANY_DATASET, INPUT, VERBS } from './card-actions.js';
import {
  type Action,
  actionSet,
  type Card,
  type Choice,
  card,
  choiceSet,
  container,
  type Element,
  execute,
  facts,
  heading,
  text,
  typeahead,
} from './card-kit.js';
import { md, plain } from './markdown.js';
import { pageActions, pageLine } from './paging.js';

const MISSING_SHOWN = 10;

function choicesFor(row: ReviewRowView): Choice[] {
  const choices: Choice[] = [];
  for (const kind of row.allowed) {
    if (kind === 'map') {
      for (const candidate of row.candidates) {
        choices.push({
          title: `Map to ${plain(candidate.companyName, 60)}`,
          value: mapCode(candidate.companyId),
        });
      }
      continue;
    }
    const decision = { kind } as CompanyDecision;
    const target = kind === 'keep' ? (row.mappedTo?.name ?? null) : null;
    choices.push({ title: plain(companyDecisionLabel(decision, target), 80), value: kind });
  }
  // A company picked with the search box is not a candidate: keep it selectable.
  const current = companyCode(row.decision);
  if (!choices.some((choice) => choice.value === current)) {
    choices.push({ title: plain(companyDecisionLabel(row.decision, row.targetName), 80), value: current });
  }
  return choices;
}

function rowDetails(row: ReviewRowView): string {
  const types = row.typeNames.length === 0 ? 'no type' : row.typeNames.join(', ');
  const status =
    row.statusName === null
      ? activeLabel(row.active)
      : `${md(row.statusName, 60)}${row.active ? '' : ' (inactive)'}`;
  return [
    companyStatusLabel(row.status),
    `Type: ${md(types, 80)}`,
    `Status: ${status}`,
    `Last import: ${formatDate(row.lastImportedAt)}`,
  ].join(' · ');
}

function rowElement(row: ReviewRowView, editable: boolean): Element {
  const items: Element[] = [
    text(`**${md(row.name, 120)}**`),
    text(rowDetails(row), { isSubtle: true, spacing: 'None' }),
  ];
  if (row.mappedTo !== null) items.push(text(`Mapped to ${md(row.mappedTo.name, 120)}`, { spacing: 'None' }));
  for (const candidate of row.candidates) {
    items.push(
      text(`Possible duplicate: ${md(candidate.reason, 300)}`, { color: 'Warning', spacing: 'None' }),
    );
  }
  items.push(text(`→ ${md(companyDecisionLabel(row.decision, row.targetName), 160)}`, { weight: 'Bolder' }));
  if (editable && row.allowed.length > 1) {
    items.push(
      choiceSet(INPUT.company(row.psaCompanyId), choicesFor(row), { value: companyCode(row.decision) }),
    );
  }
  if (editable && row.allowed.includes('map')) {
    items.push(
      typeahead(
        INPUT.mapSearch(row.psaCompanyId),
        COMPANY_DATASET,
        'Or map to another managed company',
        'Type to search managed companies',
      ),
    );
  }
  return container(items, { separator: true });
}

/** The page's decisions as drawn, so the handler sends only what the admin changed. */
export function reviewRowState(view: ReviewView): Record<string, string> {
  return Object.fromEntries(view.rows.map((row) => [String(row.psaCompanyId), companyCode(row.decision)]));
}

/** Step 3–4: the companies in the PSA with their status, one page, each with its decision. */
export function reviewCard(view: ReviewView): Card {
  const editable = view.run.status === 'reviewing-companies';
  const runId = view.run.runId;
  const body: Element[] = [
    heading(`Companies in ${PROVIDER_LABELS[view.run.provider]}`),
    text(`Import prepared by ${md(view.run.requesterName, 80)} · ${runStatusLabel(view.run.status)}`, {
      isSubtle: true,
    }),
    facts([
      ['Unmapped', String(view.totals.unmapped)],
      ['Potential duplicates', String(view.totals.duplicates)],
      ['Mapped', String(view.totals.mapped)],
      [
        'Plan',
        `create ${view.counts.companiesCreate}, map ${view.counts.companiesMap}, unmap ${view.counts.companiesUnmap}, keep ${view.counts.companiesKeep}, leave out ${view.counts.companiesSkip}`,
      ],
    ]),
  ];
  const bulk = view.bulk.filter((offer) => offer.count > 0 || offer.action === 'reset');
  if (editable && bulk.length > 0) {
    body.push(
      actionSet(
        bulk.map((offer) =>
          execute(
            companyBulkLabel(offer.action, String(offer.count)),
            VERBS.bulkCompanies,
            { runId, action: offer.action, page: view.paging.page },
            { inputs: 'none' },
          ),
        ),
      ),
    );
  }
  body.push(...view.rows.map((row) => rowElement(row, editable)));
  body.push(text(pageLine(view.paging, 'companies'), { isSubtle: true, separator: true }));
  if (editable)
    body.push(text('Choices on this page are saved when you press any button below.', { isSubtle: true }));

  if (view.notInPsa.length > 0) {
    body.push(
      heading('Companies not in PSA'),
      text('Imported before but not found this time. Nothing is deleted.'),
    );
    for (const missing of view.notInPsa.slice(0, MISSING_SHOWN)) {
      body.push(
        text(
          `${md(missing.managedCompanyName, 120)}: ${md(missing.reason, 200)} (last import ${formatDate(missing.lastImportedAt)})`,
          { spacing: 'Small' },
        ),
      );
    }
    if (view.notInPsa.length > MISSING_SHOWN) {
      body.push(text(`and ${view.notInPsa.length - MISSING_SHOWN} more.`, { isSubtle: true }));
    }
  }

  if (!editable) return card(body);
  const state = { runId, rows: reviewRowState(view) };
  const actions: Action[] = [
    ...pageActions(VERBS.review, view.paging, state),
    execute('Save', VERBS.review, { ...state, page: view.paging.page }),
    execute('Continue to users', VERBS.continueToUsers, state, { style: 'positive' }),
    execute('Cancel import', VERBS.cancel, { runId }, { style: 'destructive', inputs: 'none' }),
  ];
  return card(body, actions);
}
