import type { ReviewRowView, ReviewView } from '../../../src/app/views.js';
import { COMPANY_BULK_ACTIONS } from '../shared/bulk-actions.js';
import {
  activeLabel,
  companyDecisionLabel,
  companyStatusLabel,
  countOf,
  formatDate,
} from '../shared/text.js';
import { companyPlanLine, itemNumber, pageLine, readOnlyLine, runLine } from './render-common.js';
import { clean } from './sanitize.js';

const DECISION_WORDS: Readonly<Record<ReviewRowView['allowed'][number], string>> = {
  create: 'create',
  keep: 'keep',
  map: 'map <n>',
  'unmap-create': 'unmap',
  skip: 'skip',
};

const MAX_NOT_IN_PSA = 20;

/** A mapped row that stays mapped needs no decision: one line, so the rows that do stay on screen. */
function keptLine(row: ReviewRowView, n: number, editable: boolean): string {
  const mapped = row.mappedTo === null ? '' : ` → ${clean(row.mappedTo.name, 30)}`;
  const other = row.allowed.filter((kind) => kind !== 'keep').map((kind) => DECISION_WORDS[kind]);
  const hint = editable && other.length > 0 ? `  (decide ${n} ${other.join('|')})` : '';
  return `${String(n).padStart(4, ' ')}. ${clean(row.name, 30)}  [Mapped, kept${mapped}]${hint}`;
}

function renderRow(row: ReviewRowView, n: number, editable: boolean): string[] {
  if (row.status === 'mapped' && row.decision.kind === 'keep' && row.candidates.length === 0) {
    return [keptLine(row, n, editable)];
  }
  const facts = [
    `PSA id ${row.psaCompanyId}`,
    row.typeNames.length > 0 ? `type ${row.typeNames.map((t) => clean(t, 40)).join(', ')}` : 'no type',
    // The PSA's own status word when there is one; `inactive` added only when it does not say so.
    row.statusName === null
      ? activeLabel(row.active)
      : `status ${clean(row.statusName, 40)}${row.active || /inactive/i.test(row.statusName) ? '' : ' (inactive)'}`,
    `last import ${formatDate(row.lastImportedAt)}`,
  ];
  const lines = [`${String(n).padStart(4, ' ')}. ${clean(row.name)}  [${companyStatusLabel(row.status)}]`];
  lines.push(`        ${facts.join(' · ')}`);
  if (row.mappedTo !== null) lines.push(`        mapped to ${clean(row.mappedTo.name)}`);
  row.candidates.forEach((candidate, index) => {
    lines.push(
      `        candidate ${index + 1}: ${clean(candidate.companyName)} (${clean(candidate.reason, 160)})`,
    );
  });
  if (row.status === 'potential-duplicate' && row.candidates.length > 1 && row.decision.kind !== 'map') {
    lines.push('        several candidates: none pre-selected');
  }
  const target = row.targetName === null ? null : clean(row.targetName);
  const options = row.allowed.map((kind) => DECISION_WORDS[kind]).join(' | ');
  lines.push(
    `        → ${companyDecisionLabel(row.decision, target)}${editable ? `   (decide ${n} ${options})` : ''}`,
  );
  return lines;
}

/** The review: "Companies in PSA" (unmapped first, as the core orders them), then "not in PSA". */
export function renderReview(view: ReviewView): string {
  const { totals } = view;
  const lines = [
    runLine(view.run),
    `Companies in PSA: ${pageLine(view.paging, 'company', 'companies')} (${totals.unmapped} unmapped, ${totals.duplicates} potential duplicates, ${totals.mapped} mapped)`,
  ];
  if (view.rows.length === 0) lines.push('  (no companies on this page)');
  const editable = view.run.status === 'reviewing-companies';
  view.rows.forEach((row, index) => {
    lines.push(...renderRow(row, itemNumber(view.paging, index), editable));
  });
  if (view.notInPsa.length > 0) {
    lines.push(
      `Companies not in PSA: ${countOf(view.notInPsa.length, 'company', 'companies')} (nothing is deleted)`,
    );
    for (const missing of view.notInPsa.slice(0, MAX_NOT_IN_PSA)) {
      lines.push(
        `   - ${clean(missing.managedCompanyName)} (PSA id ${missing.psaCompanyId}): ${clean(missing.reason, 160)}; last import ${formatDate(missing.lastImportedAt)}`,
      );
    }
    if (view.notInPsa.length > MAX_NOT_IN_PSA)
      lines.push(`   … and ${view.notInPsa.length - MAX_NOT_IN_PSA} more (see \`export\`)`);
  }
  lines.push(companyPlanLine(view.counts));
  if (!editable) {
    lines.push(readOnlyLine(view.run.status));
    return lines.join('\n');
  }
  const bulk = view.bulk.filter((offer) => offer.count > 0 || offer.action === 'reset');
  if (bulk.length > 0) {
    lines.push(
      `Bulk: ${bulk.map((offer) => (offer.action === 'reset' ? `bulk ${COMPANY_BULK_ACTIONS[offer.action].word}` : `${`bulk ${COMPANY_BULK_ACTIONS[offer.action].word}`} (${offer.count})`)).join(' · ')}`,
    );
  }
  const paging = view.paging.totalPages > 1 ? `review <page> (1-${view.paging.totalPages}) · ` : '';
  lines.push(`Next: ${paging}decide <row#> … · next (continue to users) · export · /psa cancel`);
  return lines.join('\n');
}
