import type { CompanyBulkAction } from '../../../src/app/intents.js';
import type { ReviewRowView, ReviewView } from '../../../src/app/views.js';
import type { CompanyDecision } from '../../../src/domain/decisions.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { keptAsideText } from '../shared/carried-over-text.js';
import { encodeCompanyDecision as companyCode, mapCode } from '../shared/decision-codec.js';
import { filterText, missingCompanyFacts, reviewRowFacts } from '../shared/review-facts.js';
import {
  companyDecisionLabel,
  companyStatusLabel,
  countOf,
  REVIEW_DEFAULTS,
  REVIEW_GROUP_HEADINGS,
  runStatusLabel,
} from '../shared/text.js';
import { INPUT, VERBS } from './card-actions.js';
import {
  type Action,
  buttonRows,
  type Card,
  type Choice,
  card,
  choiceSet,
  container,
  type Element,
  execute,
  facts,
  fitted,
  heading,
  text,
} from './card-kit.js';
import { md, plain } from './markdown.js';
import { pageActions, pageLine } from './paging.js';
import {
  canFind,
  FIND_LIMIT,
  findElements,
  matchChoices,
  type Redraw,
  type RowSearch,
  shownChoice,
} from './row-find.js';

export type { Redraw, RowSearch } from './row-find.js';

/**
 * How much of each row the card shows. The first level that keeps the page under Teams' size limit
 * wins; the last one fits a full page of rows with ten candidates each and the longest names (the
 * renderer test's worst case).
 */
interface Detail {
  /** Characters of a name, a reason or a label (escaped: four bytes each at worst). */
  readonly name: number;
  readonly reason: number;
  readonly facts: number;
  /** Characters of a choice title. */
  readonly choice: number;
  /** Candidates described in the row, and offered in its choice list. */
  readonly candidatesShown: number;
  readonly candidateChoices: number;
  readonly missingShown: number;
  /** Companies a row's Find adds to its list. */
  readonly matches: number;
}

const DETAIL: readonly [Detail, ...Detail[]] = [
  {
    name: 120,
    reason: 160,
    facts: 80,
    choice: 60,
    candidatesShown: 3,
    candidateChoices: 10,
    missingShown: 10,
    matches: FIND_LIMIT,
  },
  {
    name: 60,
    reason: 80,
    facts: 40,
    choice: 40,
    candidatesShown: 2,
    candidateChoices: 6,
    missingShown: 5,
    matches: FIND_LIMIT,
  },
  {
    name: 40,
    reason: 40,
    facts: 16,
    choice: 24,
    candidatesShown: 1,
    candidateChoices: 3,
    missingShown: 3,
    matches: 5,
  },
  // Each row's Find box and button cost about 400 bytes: the fullest page needs one level more.
  {
    name: 30,
    reason: 30,
    facts: 12,
    choice: 20,
    candidatesShown: 1,
    candidateChoices: 2,
    missingShown: 2,
    matches: 3,
  },
];

/** What a row is drawn with, beside the row. */
interface RowContext {
  readonly editable: boolean;
  readonly detail: Detail;
  /** The last Find (on whichever row it was) and the unsaved choices it keeps. */
  readonly redraw: Redraw | null;
  readonly runId: string;
  readonly page: number;
}

/** More choices than this get Teams' search box (the `filtered` style, Adaptive Cards 1.5). */
const SEARCH_FROM = 5;

/** Short titles that fit a phone; the counts are in the line above the buttons. */
function bulkLabel(action: CompanyBulkAction): string {
  switch (action) {
    case 'create-all-unmapped':
      return 'Create all';
    case 'map-all-single-candidates':
      return 'Map to matches';
    case 'skip-all':
      return 'Leave out all';
    case 'reset':
      return 'Reset';
  }
}

function bulkLine(offers: ReviewView['bulk']): string {
  const count = (action: CompanyBulkAction) => offers.find((offer) => offer.action === action)?.count ?? 0;
  return [
    `Create all: ${count('create-all-unmapped').toLocaleString('en-US')} unmapped`,
    `map to matches: ${countOf(count('map-all-single-candidates'), 'duplicate')} with one match`,
    `leave out all: ${count('skip-all').toLocaleString('en-US')}`,
  ].join(' · ');
}

function choicesFor(row: ReviewRowView, detail: Detail, search: RowSearch | null = null): Choice[] {
  const choices: Choice[] = [];
  for (const kind of row.allowed) {
    if (kind === 'map') {
      for (const candidate of row.candidates.slice(0, detail.candidateChoices)) {
        choices.push({
          title: `Map to ${plain(candidate.companyName, detail.choice)}`,
          value: mapCode(candidate.companyId),
        });
      }
      continue;
    }
    const decision = { kind } as CompanyDecision;
    const target = kind === 'keep' ? (row.mappedTo?.name ?? null) : null;
    choices.push({ title: plain(companyDecisionLabel(decision, target), detail.choice + 10), value: kind });
  }
  if (search !== null) choices.push(...matchChoices(search, choices, detail.matches, detail.choice));
  // A company picked with the search box is not a candidate: keep it selectable.
  const current = companyCode(row.decision);
  if (!choices.some((choice) => choice.value === current)) {
    choices.push({
      title: plain(companyDecisionLabel(row.decision, row.targetName), detail.choice + 10),
      value: current,
    });
  }
  return choices;
}

function rowDetails(row: ReviewRowView, detail: Detail): string {
  return [companyStatusLabel(row.status), ...reviewRowFacts(row, md, detail.facts)].join(' · ');
}

function moreLine(row: ReviewRowView, detail: Detail, editable: boolean): string {
  const more = countOf(row.candidates.length - detail.candidatesShown, 'more possible duplicate');
  if (!editable) return `and ${more}.`;
  const listed = Math.min(row.candidates.length, detail.candidateChoices);
  return `and ${more}; the list below has the closest ${listed} to search.`;
}

/** A mapped row kept as it is needs no decision: one line and its list, no details. */
function keptElement(row: ReviewRowView, context: RowContext): Element {
  const { editable, detail } = context;
  const target = row.mappedTo === null ? '' : ` → ${md(row.mappedTo.name, detail.name)}`;
  const items: Element[] = [
    text(`**${md(row.name, detail.name)}** · PSA id ${row.psaCompanyId} · kept${target}`),
  ];
  if (editable && row.allowed.length > 1) {
    const choices = choicesFor(row, detail);
    items.push(
      choiceSet(INPUT.company(row.psaCompanyId), choices, {
        value: shownChoice(row, choices, context.redraw),
      }),
    );
  }
  return container(items, { separator: true });
}

function rowElement(row: ReviewRowView, context: RowContext): Element {
  const { editable, detail } = context;
  if (row.group === 'mapped' && row.decision.kind === 'keep') return keptElement(row, context);
  const items: Element[] = [
    text(`**${md(row.name, detail.name)}**`),
    text(rowDetails(row, detail), { isSubtle: true, spacing: 'None' }),
  ];
  if (row.mappedTo !== null)
    items.push(text(`Mapped to ${md(row.mappedTo.name, detail.name)}`, { spacing: 'None' }));
  // A label, not a colour: Teams' `warning` yellow is unreadable on white.
  for (const candidate of row.candidates.slice(0, detail.candidatesShown)) {
    items.push(text(`⚠️ Possible duplicate: ${md(candidate.reason, detail.reason)}`, { spacing: 'None' }));
  }
  if (row.candidates.length > detail.candidatesShown) {
    items.push(text(moreLine(row, detail, editable), { isSubtle: true, spacing: 'None' }));
  }
  if (row.twinNote !== undefined) {
    // Room for the other rows' PSA ids, which tell the twins apart, even in the smallest card.
    const note = `${row.twinNote.charAt(0).toUpperCase()}${row.twinNote.slice(1)}`;
    items.push(text(`⚠️ ${md(note, detail.reason + detail.name)}`, { spacing: 'None' }));
  }
  const left = row.leftOutLastTime ? ' (left out last time)' : '';
  items.push(
    text(`→ ${md(companyDecisionLabel(row.decision, row.targetName), detail.name)}${left}`, {
      weight: 'Bolder',
    }),
  );
  if (editable && row.allowed.length > 1) {
    const searched = context.redraw?.search ?? null;
    const search = searched?.psaCompanyId === row.psaCompanyId ? searched : null;
    const listed = choicesFor(row, detail);
    const choices = choicesFor(row, detail, search);
    if (canFind(row)) {
      // Only the run, page and row: the page's choices travel as inputs and are kept, not saved.
      const find = execute('Find', VERBS.findCompany, {
        runId: context.runId,
        page: context.page,
        company: row.psaCompanyId,
      });
      items.push(...findElements(row, search, find, choices.length - listed.length));
    }
    items.push(
      choiceSet(INPUT.company(row.psaCompanyId), choices, {
        value: shownChoice(row, choices, context.redraw),
        ...(choices.length > SEARCH_FROM ? { style: 'filtered', placeholder: 'Search this list' } : {}),
      }),
    );
  }
  return container(items, { separator: true });
}

/** The page's rows under their group headings, decisions first (the core's order). */
function groupedRows(view: ReviewView, context: RowContext): Element[] {
  const elements: Element[] = [];
  let group: ReviewRowView['group'] | null = null;
  for (const row of view.rows) {
    if (row.group !== group) {
      group = row.group;
      const count = group === 'mapped' ? ` (${view.totals.mapped.toLocaleString('en-US')} in all)` : '';
      elements.push(text(`**${REVIEW_GROUP_HEADINGS[group]}${count}**`, { spacing: 'Large' }));
    }
    elements.push(rowElement(row, context));
  }
  return elements;
}

/** The page's decisions as drawn, so the handler sends only what the admin changed. */
export function reviewRowState(view: ReviewView): Record<string, string> {
  return Object.fromEntries(view.rows.map((row) => [String(row.psaCompanyId), companyCode(row.decision)]));
}

/**
 * Step 3–4: the companies in the PSA with their status, one page, each with its decision; after a
 * row's Find, that row's list also offers what was found.
 */
export function reviewCard(view: ReviewView, redraw: Redraw | null = null): Card {
  return fitted(DETAIL, (detail) => reviewCardWith(view, detail, redraw));
}

function reviewCardWith(view: ReviewView, detail: Detail, redraw: Redraw | null): Card {
  const editable = view.run.status === 'reviewing-companies';
  const runId = view.run.runId;
  const body: Element[] = [
    heading(`Companies in ${PROVIDER_LABELS[view.run.provider]}`),
    text(`Import prepared by ${md(view.run.requesterName, 80)} · ${runStatusLabel(view.run.status)}`, {
      isSubtle: true,
    }),
    facts([
      ['Filter', filterText(view.filter, md, detail.facts)],
      ['Defaults', REVIEW_DEFAULTS.replace('Defaults: ', '')],
      ['Unmapped', String(view.totals.unmapped)],
      ['Potential duplicates', String(view.totals.duplicates)],
      ['Mapped', String(view.totals.mapped)],
      [
        'Plan',
        `create ${view.counts.companiesCreate}, map ${view.counts.companiesMap}, unmap ${view.counts.companiesUnmap}, keep ${view.counts.companiesKeep}, leave out ${view.counts.companiesSkip}`,
      ],
    ]),
  ];
  if (view.userDecisionsKept !== undefined) body.push(text(`ℹ️ ${keptAsideText(view.userDecisionsKept)}`));
  const bulk = view.bulk.filter((offer) => offer.count > 0 || offer.action === 'reset');
  if (editable && bulk.length > 0) {
    body.push(text(bulkLine(view.bulk), { isSubtle: true }));
    body.push(
      ...buttonRows(
        bulk.map((offer) =>
          execute(
            bulkLabel(offer.action),
            VERBS.bulkCompanies,
            { runId, action: offer.action, page: view.paging.page },
            { inputs: 'none' },
          ),
        ),
      ),
    );
  }
  body.push(...groupedRows(view, { editable, detail, redraw, runId, page: view.paging.page }));
  body.push(text(pageLine(view.paging, 'companies'), { isSubtle: true, separator: true }));
  const state = { runId, rows: reviewRowState(view) };
  if (editable) {
    body.push(text('Choices on this page are saved when you press any button below.', { isSubtle: true }));
    body.push(
      ...buttonRows(
        [
          ...pageActions(VERBS.review, view.paging, state),
          execute('Save', VERBS.review, { ...state, page: view.paging.page }),
        ],
        3,
      ),
    );
  }

  if (view.notInPsa.length > 0) {
    body.push(
      heading('Companies not in PSA'),
      text('Imported before but not found this time. Nothing is deleted.'),
    );
    for (const missing of view.notInPsa.slice(0, detail.missingShown)) {
      const shown = missingCompanyFacts(missing, md, detail);
      body.push(text(`${shown.name}: ${shown.detail}`, { spacing: 'Small' }));
    }
    if (view.notInPsa.length > detail.missingShown) {
      body.push(text(`and ${view.notInPsa.length - detail.missingShown} more.`, { isSubtle: true }));
    }
  }

  if (!editable) return card(body);
  const actions: Action[] = [
    execute('Continue to users', VERBS.continueToUsers, state, { style: 'positive' }),
    execute('Cancel import', VERBS.cancel, { runId }, { style: 'destructive', inputs: 'none' }),
  ];
  return card(body, actions);
}
