import type { ReviewRowView, ReviewView } from '../../../src/app/views.js';
import type { ReviewGroup } from '../../../src/domain/review-order.js';
import { COMPANY_BULK_ACTIONS } from '../shared/bulk-actions.js';
import { keptAsideText } from '../shared/carried-over-text.js';
import { filterText, missingCompanyFacts, reviewRowFacts } from '../shared/review-facts.js';
import {
  companyDecisionLabel,
  companyStatusLabel,
  countOf,
  REVIEW_DEFAULTS,
  REVIEW_GROUP_HEADINGS,
} from '../shared/text.js';
import { companyPlanLine, itemNumber, readOnlyLine, runLine } from './render-common.js';
import { clean } from './sanitize.js';
import { wrapLine } from './word-wrap.js';

const DECISION_WORDS: Readonly<Record<ReviewRowView['allowed'][number], string>> = {
  create: 'create',
  keep: 'keep',
  map: 'map <n>',
  'unmap-create': 'unmap',
  skip: 'skip',
};

const MAX_NOT_IN_PSA = 20;
/** A reason names every difference it found; past this it is no longer read, only scrolled. */
const MAX_REASON = 300;

/** A mapped row that stays mapped needs no decision: one line, so the rows that do stay on screen. */
function keptLine(row: ReviewRowView, n: number, editable: boolean): string {
  const mapped = row.mappedTo === null ? '' : ` → ${clean(row.mappedTo.name, 24)}`;
  const other = row.allowed.filter((kind) => kind !== 'keep').map((kind) => DECISION_WORDS[kind]);
  const hint = editable && other.length > 0 ? `  (decide ${n} ${other.join('|')})` : '';
  return `${String(n).padStart(4, ' ')}. ${clean(row.name, 24)}  [PSA id ${row.psaCompanyId}, kept${mapped}]${hint}`;
}

/**
 * A new company created, or one left out again, as one line: what the window shows when the page
 * would not fit otherwise. Its group heading says why it is there.
 */
function shortLine(row: ReviewRowView, n: number, editable: boolean): string {
  const decision = row.decision.kind === 'skip' ? 'left out' : DECISION_WORDS[row.decision.kind];
  const other = row.allowed.filter((kind) => kind !== row.decision.kind).map((kind) => DECISION_WORDS[kind]);
  const hint = editable && other.length > 0 ? `  (decide ${n} ${other.join('|')})` : '';
  return `${String(n).padStart(4, ' ')}. ${clean(row.name, 28)}  [PSA id ${row.psaCompanyId}, ${decision}]${hint}`;
}

/** How much the window needs folded: nothing, the mapped rows, also new and left-out rows. */
type Fold = 0 | 1 | 2;

function renderRow(row: ReviewRowView, n: number, editable: boolean): string[] {
  if (row.status === 'mapped' && row.decision.kind === 'keep' && row.candidates.length === 0) {
    const kept = keptLine(row, n, editable);
    return row.twinNote === undefined ? [kept] : [kept, `        ${clean(row.twinNote, 200)}`];
  }
  const facts = reviewRowFacts(row, clean, 40);
  const lines = [`${String(n).padStart(4, ' ')}. ${clean(row.name)}  [${companyStatusLabel(row.status)}]`];
  lines.push(`        ${facts.join(' · ')}`);
  if (row.mappedTo !== null) lines.push(`        mapped to ${clean(row.mappedTo.name)}`);
  row.candidates.forEach((candidate, index) => {
    // The reason in full, wrapped by the window: it is what tells the admin what differs, and a
    // cut one ("after r…") leaves them guessing. The window's fit counts the wrapped rows.
    lines.push(
      `        candidate ${index + 1}: ${clean(candidate.companyName, 40)} (${clean(candidate.reason, MAX_REASON)})`,
    );
  });
  if (row.twinNote !== undefined) lines.push(`        ${clean(row.twinNote, 200)}`);
  // Said once per row unless its group heading already says so.
  const ambiguous = row.status === 'potential-duplicate' && row.candidates.length > 1;
  if (ambiguous && row.group !== 'decide' && row.decision.kind !== 'map') {
    lines.push('        several candidates: none pre-selected');
  }
  const target = row.targetName === null ? null : clean(row.targetName);
  const left = row.leftOutLastTime ? ' (left out last time)' : '';
  const options = row.allowed.map((kind) => DECISION_WORDS[kind]).join(' | ');
  lines.push(
    `        → ${companyDecisionLabel(row.decision, target)}${left}${editable ? `   (decide ${n} ${options})` : ''}`,
  );
  return lines;
}

export interface ReviewRenderOptions {
  /** Screen lines the review may take (the window's height less the prompt); none: no limit. */
  readonly maxLines?: number;
  /** Columns of the window, to count wrapped lines. */
  readonly width?: number;
}

/** How many screen lines `lines` take in a window `width` columns wide, wrapped as the window writer wraps. */
export function screenLines(lines: readonly string[], width: number): number {
  return lines.reduce((sum, line) => sum + wrapLine(line, width).length, 0);
}

function groupHeading(view: ReviewView, group: ReviewGroup): string {
  const heading = REVIEW_GROUP_HEADINGS[group];
  return group === 'mapped' ? `${heading} (${view.totals.mapped} in all, one line each):` : `${heading}:`;
}

/**
 * The page's rows under their group headings; with `fold` 1 the mapped rows fold into one line,
 * with 2 the new and left-out rows also take one line each (unless the admin changed them to map).
 */
function rowLines(view: ReviewView, editable: boolean, fold: Fold): string[] {
  const lines: string[] = [];
  let group: ReviewGroup | null = null;
  const mapped: number[] = [];
  view.rows.forEach((row, index) => {
    const n = itemNumber(view.paging, index);
    if (row.group !== group) {
      group = row.group;
      lines.push(groupHeading(view, group));
    }
    // A twin keeps its own lines when the page folds: its note tells it apart from the other.
    const twin = row.twinNote !== undefined;
    const short =
      (row.group === 'create' || row.group === 'left-out') && row.decision.kind !== 'map' && !twin;
    if (fold >= 1 && row.group === 'mapped' && !twin) mapped.push(n);
    else if (fold === 2 && short) lines.push(shortLine(row, n, editable));
    else lines.push(...renderRow(row, n, editable));
  });
  const [first] = mapped;
  const last = mapped[mapped.length - 1];
  if (first !== undefined && last !== undefined) {
    const page = view.paging.page + 1;
    lines.push(
      `   #${first}–#${last}: ${countOf(mapped.length, 'company', 'companies')} kept (\`review ${page} all\` lists them)`,
    );
  }
  return lines;
}

/**
 * The review, decisions first (the core orders the rows by group): the filter and the defaults in
 * the header, then what needs a decision, potential duplicates, new companies, rows left out last
 * time and, one line each, the mapped rows; then "not in PSA". When the page would not fit the
 * window, the mapped rows fold into one line, then new and left-out rows take one line each, then
 * the page is cut after the rows that fit, so the rows that need a decision stay on screen.
 */
export function renderReview(view: ReviewView, options: ReviewRenderOptions = {}): string {
  const editable = view.run.status === 'reviewing-companies';
  const head = reviewHead(view);
  const tail = reviewTail(view, editable);
  const { maxLines, width = 80 } = options;
  const drawn = (fold: Fold) => [...head, ...rowLines(view, editable, fold), ...tail];
  if (maxLines === undefined) return drawn(0).join('\n');
  const fits = ([0, 1, 2] as const).map(drawn).find((lines) => screenLines(lines, width) <= maxLines);
  if (fits !== undefined || view.rows.length < 2) return (fits ?? drawn(2)).join('\n');
  return cutToFit(view, editable, head, tail, maxLines, width).join('\n');
}

/**
 * Still too tall when folded (a first import whose page is all potential duplicates): the page's
 * first rows (those needing a decision come first) and one line saying which rows are left for
 * `review N all`, so the header and the commands stay on screen. At least one row is shown.
 */
function cutToFit(
  view: ReviewView,
  editable: boolean,
  head: readonly string[],
  tail: readonly string[],
  maxLines: number,
  width: number,
): string[] {
  const page = view.paging.page + 1;
  let shown = view.rows.length - 1;
  for (; shown > 1; shown--) {
    const lines = cutPage(view, editable, head, tail, shown, page);
    if (screenLines(lines, width) <= maxLines) return lines;
  }
  return cutPage(view, editable, head, tail, shown, page);
}

function cutPage(
  view: ReviewView,
  editable: boolean,
  head: readonly string[],
  tail: readonly string[],
  shown: number,
  page: number,
): string[] {
  const first = itemNumber(view.paging, shown);
  const last = itemNumber(view.paging, view.rows.length - 1);
  const rest = first === last ? `#${first}` : `#${first}–#${last}`;
  const cut = `   … ${rest} not shown to fit the window: \`review ${page} all\` lists the whole page`;
  const rows = rowLines({ ...view, rows: view.rows.slice(0, shown) }, editable, 2);
  return [...head, ...rows, cut, ...tail];
}

/** `Page 2/9 · ` when there is more than one page. */
function pagePrefix(paging: ReviewView['paging']): string {
  return paging.totalPages > 1 ? `Page ${paging.page + 1}/${paging.totalPages} · ` : '';
}

function reviewHead(view: ReviewView): string[] {
  const { totals } = view;
  const lines = [
    runLine(view.run),
    `Filter: ${filterText(view.filter, clean, 60)}`,
    REVIEW_DEFAULTS,
    `${pagePrefix(view.paging)}${view.paging.totalItems} in PSA (${totals.unmapped} unmapped, ${totals.duplicates} potential duplicates, ${totals.mapped} mapped)`,
  ];
  if (view.userDecisionsKept !== undefined) lines.push(keptAsideText(view.userDecisionsKept));
  if (view.rows.length === 0) lines.push('  (no companies on this page)');
  return lines;
}

function reviewTail(view: ReviewView, editable: boolean): string[] {
  const lines: string[] = [];
  if (view.notInPsa.length > 0) {
    lines.push(
      `Companies not in PSA: ${countOf(view.notInPsa.length, 'company', 'companies')} (nothing is deleted)`,
    );
    for (const missing of view.notInPsa.slice(0, MAX_NOT_IN_PSA)) {
      const shown = missingCompanyFacts(missing, clean, { name: 120, reason: 160 });
      lines.push(`   - ${shown.name}: ${shown.detail}`);
    }
    if (view.notInPsa.length > MAX_NOT_IN_PSA)
      lines.push(`   … and ${view.notInPsa.length - MAX_NOT_IN_PSA} more (see \`export\`)`);
  }
  lines.push(companyPlanLine(view.counts));
  if (!editable) {
    lines.push(readOnlyLine(view.run.status));
    return lines;
  }
  const bulk = view.bulk.filter((offer) => offer.count > 0 || offer.action === 'reset');
  if (bulk.length > 0) {
    lines.push(
      `Bulk: ${bulk.map((offer) => (offer.action === 'reset' ? `bulk ${COMPANY_BULK_ACTIONS[offer.action].word}` : `${`bulk ${COMPANY_BULK_ACTIONS[offer.action].word}`} (${offer.count})`)).join(' · ')}`,
    );
  }
  const paging = view.paging.totalPages > 1 ? `review <1-${view.paging.totalPages}> · ` : '';
  lines.push(`Next: decide <row#> … · ${paging}next (users) · export · /psa cancel`);
  return lines;
}
