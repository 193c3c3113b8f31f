import type { ReviewRowView, ReviewView } from '../../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import type { MissingRow } from '../../../../src/domain/review.js';
import { companyBulkLabel } from '../../shared/bulk-actions.js';
import { keptAsideText } from '../../shared/carried-over-text.js';
import { encodeCompanyDecision, mapCode } from '../../shared/decision-codec.js';
import { filterText, missingCompanyFacts, reviewRowFacts } from '../../shared/review-facts.js';
import { REVIEW_DEFAULTS, REVIEW_GROUP_HEADINGS } from '../../shared/text.js';
import { LIMITS } from '../block-kit-limits.js';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  type Element,
  header,
  option,
  type SlackMessage,
  section,
} from '../blocks.js';
import { formatCount, mrkdwnText } from '../mrkdwn.js';
import { ACTION, encodeRef, type Ref } from '../refs.js';
import { countsLines, pageLabel, statusLabel } from './labels.js';
import { exportAndCancel, navigation } from './navigation.js';

/** Rows per review page: 2 blocks a row keeps a page near 40 of Slack's 50 blocks. */
export const REVIEW_PAGE_SIZE = 15;
const CANDIDATE_REASONS_SHOWN = 3;
const MISSING_ROWS_SHOWN = 10;

function decisionText(row: ReviewRowView): string {
  const target = row.targetName === null ? 'an existing company' : `*${mrkdwnText(row.targetName, 120)}*`;
  switch (row.decision.kind) {
    case 'create':
      return '→ Create a new managed company';
    case 'keep':
      return `→ Keep: re-import into ${target}`;
    case 'map':
      return `→ Map to ${target}`;
    case 'unmap-create':
      return '→ Unmap and create a new managed company';
    case 'skip':
      return row.leftOutLastTime ? '→ Leave out (left out last time)' : '→ Leave out';
  }
}

function rowText(row: ReviewRowView): string {
  const lines = [
    `*${mrkdwnText(row.name, 200)}*  ·  _${statusLabel(row.status)}_`,
    // The PSA id tells apart rows of the same name (issue 11), as on the other surfaces.
    reviewRowFacts(row, mrkdwnText, 75).join(' · '),
  ];
  if (row.mappedTo !== null) lines.push(`:link: Mapped to *${mrkdwnText(row.mappedTo.name, 150)}*`);
  for (const candidate of row.candidates.slice(0, CANDIDATE_REASONS_SHOWN)) {
    lines.push(`:warning: ${mrkdwnText(candidate.reason, 250)}`);
  }
  const more = row.candidates.length - CANDIDATE_REASONS_SHOWN;
  if (more > 0) lines.push(`:warning: and ${formatCount(more)} more candidates: pick one below`);
  if (row.twinNote !== undefined) lines.push(twinLine(row.twinNote));
  const ambiguous = row.status === 'potential-duplicate' && row.candidates.length > 1;
  if (ambiguous && row.group !== 'decide' && row.decision.kind !== 'map') {
    lines.push('Several companies match, so none is pre-selected.');
  }
  lines.push(decisionText(row));
  return lines.join('\n');
}

function decisionOptions(row: ReviewRowView): { options: Element[]; initial: Element | undefined } {
  const entries: { text: string; value: string }[] = [];
  for (const kind of row.allowed) {
    if (kind === 'create') entries.push({ text: 'Create new company', value: 'create' });
    if (kind === 'keep')
      entries.push({ text: `Keep: ${row.mappedTo?.name ?? 'linked company'}`, value: 'keep' });
    if (kind === 'unmap-create') entries.push({ text: 'Unmap, create new company', value: 'unmap-create' });
    if (kind === 'skip') entries.push({ text: 'Leave out', value: 'skip' });
    if (kind === 'map') {
      for (const candidate of row.candidates) {
        entries.push({ text: `Map to ${candidate.companyName}`, value: mapCode(candidate.companyId) });
      }
    }
  }
  const current = encodeCompanyDecision(row.decision);
  if (!entries.some((entry) => entry.value === current) && row.decision.kind === 'map') {
    entries.push({ text: `Map to ${row.targetName ?? 'picked company'}`, value: current });
  }
  const kept = entries
    .filter((entry) => entry.value.length <= LIMITS.optionValue)
    .slice(0, LIMITS.staticOptions);
  const options = kept.map((entry) => option(entry.text, entry.value));
  const initialIndex = kept.findIndex((entry) => entry.value === current);
  return { options, initial: initialIndex === -1 ? undefined : options[initialIndex] };
}

/** A mapped row kept as it is: one line with its picker, no search. */
function keptText(row: ReviewRowView): string {
  const target = row.mappedTo === null ? '' : ` → *${mrkdwnText(row.mappedTo.name, 150)}*`;
  const kept = `*${mrkdwnText(row.name, 200)}* · PSA id ${row.psaCompanyId} · kept${target}`;
  return row.twinNote === undefined ? kept : `${kept}\n${twinLine(row.twinNote)}`;
}

/** Another PSA company of this import with the same name (issue 11), by its PSA id. */
function twinLine(note: string): string {
  return `:warning: ${mrkdwnText(`${note.charAt(0).toUpperCase()}${note.slice(1)}`, 300)}`;
}

function rowBlocks(row: ReviewRowView, base: Ref): Block[] {
  const ref = { ...base, c: row.psaCompanyId };
  const { options, initial } = decisionOptions(row);
  const kept = row.group === 'mapped' && row.decision.kind === 'keep';
  const select: Element | undefined =
    options.length === 0
      ? undefined
      : {
          type: 'static_select',
          action_id: `${ACTION.companyDecision}:${row.psaCompanyId}`,
          placeholder: { type: 'plain_text', text: 'Decide' },
          options,
          ...(initial === undefined ? {} : { initial_option: initial }),
        };
  const blocks = [section(kept ? keptText(row) : rowText(row), select, encodeRef({ ...ref, a: 'row' }))];
  if (row.allowed.includes('map') && !kept) {
    const search: Element = {
      type: 'external_select',
      action_id: `${ACTION.companySearch}:${row.psaCompanyId}`,
      placeholder: { type: 'plain_text', text: 'Map to another managed company…' },
      min_query_length: 1,
    };
    blocks.push(actions([search], encodeRef({ ...ref, a: 'map' })));
  }
  return blocks;
}

function missingText(rows: readonly MissingRow[]): string {
  const lines = rows
    .slice(0, MISSING_ROWS_SHOWN)
    .map((row) => missingCompanyFacts(row, mrkdwnText, { name: 100, reason: 150 }))
    .map((shown) => `• *${shown.name}*: ${shown.detail}`);
  const more = rows.length - MISSING_ROWS_SHOWN;
  if (more > 0) lines.push(`…and ${formatCount(more)} more (export the CSV for the full list)`);
  return `*Companies not in PSA* (${formatCount(rows.length)}; nothing is deleted):\n${lines.join('\n')}`;
}

/** The company review: one page of rows with a decision picker each, bulk actions and paging. */
export function renderReview(view: ReviewView): SlackMessage {
  const base: Ref = { r: view.run.runId, v: view.run.version, p: view.paging.page };
  const provider = PROVIDER_LABELS[view.run.provider];
  const total = view.totals.mapped + view.totals.unmapped + view.totals.duplicates;
  const summary = [
    `*${formatCount(total)} companies in PSA:* ${formatCount(view.totals.unmapped)} unmapped · ${formatCount(view.totals.duplicates)} potential duplicates · ${formatCount(view.totals.mapped)} mapped`,
    `Filter: ${filterText(view.filter, mrkdwnText, 300)}`,
    REVIEW_DEFAULTS,
    ...countsLines(view.counts),
    ...(view.userDecisionsKept === undefined
      ? []
      : [`:information_source: ${keptAsideText(view.userDecisionsKept)}`]),
  ].join('\n');
  const bulk = view.bulk
    .filter((offer) => offer.count > 0)
    .map((offer) =>
      button(
        companyBulkLabel(offer.action, formatCount(offer.count)),
        `${ACTION.companyBulk}:${offer.action}`,
        encodeRef({ ...base, a: offer.action }),
        undefined,
        offer.action === 'skip-all'
          ? {
              title: 'Leave every company out?',
              text: 'Every company on every page will be left out.',
              confirm: 'Leave all out',
            }
          : undefined,
      ),
    );
  const next = [
    button('Continue to users', ACTION.continueToUsers, encodeRef(base), 'primary'),
    ...exportAndCancel(base),
  ];
  const blocks: Block[] = [
    header(`Review: ${provider} companies`),
    section(summary, undefined, encodeRef({ ...base, a: 'summary' })),
    ...(bulk.length === 0 ? [] : [actions(bulk, encodeRef({ ...base, a: 'bulk' }))]),
    actions(next, encodeRef({ ...base, a: 'next' })),
    divider(),
  ];
  let group: ReviewRowView['group'] | null = null;
  for (const row of view.rows) {
    if (row.group !== group) {
      group = row.group;
      const count = group === 'mapped' ? ` (${formatCount(view.totals.mapped)} in all)` : '';
      blocks.push(context(`*${REVIEW_GROUP_HEADINGS[group]}${count}*`));
    }
    blocks.push(...rowBlocks(row, base));
  }
  if (view.rows.length === 0) blocks.push(section('_No companies matched the filter._'));
  blocks.push(...navigation(ACTION.reviewPage, view.paging, base, 'companies'));
  if (view.notInPsa.length > 0) blocks.push(divider(), section(missingText(view.notInPsa)));
  return {
    text: `Review of ${formatCount(total)} ${provider} companies (${pageLabel(view.paging, 'companies')})`,
    blocks,
  };
}
