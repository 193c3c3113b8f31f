import { allowedCompanyDecisions } from '../../domain/company-decisions.js';
import type { CompanyDecision } from '../../domain/decisions.js';
import { importTwinNotes } from '../../domain/import-duplicates.js';
import type { ReviewRow } from '../../domain/review.js';
import { reviewGroup } from '../../domain/review-order.js';
import type { ImportRun } from '../../domain/run.js';
import type { CompanyRecord, Repositories } from '../../ports/storage.js';
import { filterLabel } from '../filter-text.js';
import type { CompanyBulkAction, Paging } from '../intents.js';
import { pageWindow } from '../paging.js';
import { runTotals } from '../run-rows.js';
import type { BulkOffer, ReviewRowView, ReviewView } from '../views.js';
import { runHeader } from './run-header.js';

function targetName(
  row: ReviewRow,
  decision: CompanyDecision,
  names: ReadonlyMap<string, string>,
): string | null {
  if (decision.kind === 'keep') return row.mappedTo?.name ?? null;
  if (decision.kind !== 'map') return null;
  const candidate = row.candidates.find((c) => c.companyId === decision.companyId);
  return candidate?.companyName ?? names.get(decision.companyId) ?? null;
}

/** Names of the companies picked by search (not among a row's candidates) on this page only. */
async function pickedNames(
  repos: Repositories,
  tenantId: string,
  records: readonly CompanyRecord[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const { row, decision } of records) {
    if (decision.kind !== 'map' || names.has(decision.companyId)) continue;
    if (row.candidates.some((candidate) => candidate.companyId === decision.companyId)) continue;
    const company = await repos.companies.get(tenantId, decision.companyId);
    if (company !== null) names.set(company.id, company.name);
  }
  return names;
}

function withTwinNote(notes: ReadonlyMap<number, string>, row: ReviewRowView): ReviewRowView {
  const twinNote = notes.get(row.psaCompanyId);
  return twinNote === undefined ? row : { ...row, twinNote };
}

const BULK_ORDER: readonly CompanyBulkAction[] = [
  'create-all-unmapped',
  'map-all-single-candidates',
  'skip-all',
  'reset',
];

/** One page of the company review, read from the run's rows: O(page), plus two aggregates. */
export async function buildReviewView(
  repos: Repositories,
  run: ImportRun,
  paging: Paging,
): Promise<ReviewView> {
  const totals = await runTotals(repos, run.id);
  const window = pageWindow(totals.companies.total, paging);
  const records = await repos.runRows.companyPage(run.id, window.offset, window.limit);
  const [names, twins] = await Promise.all([
    pickedNames(repos, run.tenantId, records),
    repos.runRows.twinsOf(
      run.id,
      records.map((record) => record.row.company.psaId),
    ),
  ]);
  const twinNotes = importTwinNotes(twins);
  const rows: ReviewRowView[] = records.map(({ row, decision }) =>
    withTwinNote(twinNotes, {
      psaCompanyId: row.company.psaId,
      name: row.company.name,
      status: row.status,
      typeNames: row.company.typeNames,
      statusName: row.company.statusName,
      active: row.company.active,
      lastImportedAt: row.lastImportedAt,
      mappedTo: row.mappedTo,
      candidates: row.candidates,
      decision,
      targetName: targetName(row, decision, names),
      allowed: allowedCompanyDecisions(row),
      group: reviewGroup(row),
      leftOutLastTime: row.leftOutLastTime === true,
    }),
  );
  const { offers } = totals.companies;
  const bulk: BulkOffer<CompanyBulkAction>[] = BULK_ORDER.map((action) => ({
    action,
    count: offers[action],
  }));
  return {
    kind: 'review',
    run: runHeader(run),
    totals: {
      mapped: totals.companies.mapped,
      unmapped: totals.companies.unmapped,
      duplicates: totals.companies.duplicates,
    },
    rows,
    paging: window.info,
    notInPsa: await repos.runRows.missing(run.id),
    counts: totals.counts,
    bulk,
    skipped: run.skipped,
    filter: { label: filterLabel(run.filter), isDefault: run.filter.isDefault === true },
  };
}
