import { allowedCompanyDecisions, effectiveCompanyDecision } from '../../domain/company-decisions.js';
import type { CompanyDecision } from '../../domain/decisions.js';
import { buildPlan } from '../../domain/plan.js';
import type { ReviewRow } from '../../domain/review.js';
import type { ImportRun } from '../../domain/run.js';
import type { CompanyBulkAction, Paging } from '../intents.js';
import { pageOf } from '../paging.js';
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

function sameDecision(a: CompanyDecision, b: CompanyDecision): boolean {
  return a.kind === b.kind && (a.kind !== 'map' || (b.kind === 'map' && a.companyId === b.companyId));
}

/** What each bulk action would change, so labels can say "Create all 480 unmapped". */
export function companyBulkOffers(run: ImportRun): BulkOffer<CompanyBulkAction>[] {
  const rows = run.review?.inPsa ?? [];
  let create = 0;
  let mapSingle = 0;
  let skip = 0;
  for (const row of rows) {
    const decision = effectiveCompanyDecision(row, run.overrides);
    if (row.status === 'unmapped' && decision.kind !== 'create') create++;
    const only = row.candidates.length === 1 ? row.candidates[0] : undefined;
    if (row.status === 'potential-duplicate' && only !== undefined) {
      if (!sameDecision(decision, { kind: 'map', companyId: only.companyId })) mapSingle++;
    }
    if (decision.kind !== 'skip') skip++;
  }
  const reset = Object.keys(run.overrides.companies).length;
  return [
    { action: 'create-all-unmapped', count: create },
    { action: 'map-all-single-candidates', count: mapSingle },
    { action: 'skip-all', count: skip },
    { action: 'reset', count: reset },
  ];
}

export function buildReviewView(
  run: ImportRun,
  paging: Paging,
  names: ReadonlyMap<string, string>,
): ReviewView {
  const review = run.review ?? { inPsa: [], notInPsa: [] };
  const page = pageOf(review.inPsa, paging);
  const rows: ReviewRowView[] = page.items.map((row) => {
    const decision = effectiveCompanyDecision(row, run.overrides);
    return {
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
    };
  });
  let mapped = 0;
  let unmapped = 0;
  let duplicates = 0;
  for (const row of review.inPsa) {
    if (row.status === 'mapped') mapped++;
    else if (row.status === 'unmapped') unmapped++;
    else duplicates++;
  }
  return {
    kind: 'review',
    run: runHeader(run),
    totals: { mapped, unmapped, duplicates },
    rows,
    paging: page.info,
    notInPsa: review.notInPsa,
    counts: buildPlan(review, run.contacts, run.overrides).counts,
    bulk: companyBulkOffers(run),
  };
}
