import type { PageInfo, RunHeader } from '../../../src/app/views.js';
import type { PlanCounts } from '../../../src/domain/plan-model.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import type { RunStatus } from '../../../src/domain/run-status.js';
import { type CountItem, countOf, runStatusLabel } from '../shared/text.js';
import { clean } from './sanitize.js';

/** The number printed before item `index` of a page; the session resolves typed numbers the same way. */
export function itemNumber(paging: PageInfo, index: number): number {
  return paging.page * paging.pageSize + index + 1;
}

export function pageLine(paging: PageInfo, singular: string, plural: string): string {
  const total = countOf(paging.totalItems, singular, plural);
  if (paging.totalPages <= 1) return total;
  return `${total}, page ${paging.page + 1} of ${paging.totalPages}`;
}

export function runLine(run: RunHeader): string {
  // Fits 80 columns with a 16-character run id and a short name.
  return `Import ${run.runId} · ${PROVIDER_LABELS[run.provider]} · ${runStatusLabel(run.status)} · by ${clean(run.requesterName, 60)}`;
}

export function companyPlanLine(counts: PlanCounts): string {
  return `Plan: ${counts.companiesCreate} to create, ${counts.companiesMap} to map, ${counts.companiesUnmap} to unmap and create, ${counts.companiesKeep} kept, ${counts.companiesSkip} left out`;
}

export function userPlanLine(counts: PlanCounts): string {
  return `Users: ${counts.usersGrant} to grant (new), ${counts.usersMap} to map, ${counts.usersKeep} kept, ${counts.usersSkip} left out, ${counts.usersIneligible} not eligible`;
}

/** Right-aligned counts under their labels, for the approval and the result. */
export function countTable(items: readonly CountItem[]): string[] {
  const width = Math.max(...items.map((item) => item.label.length));
  return items.map((item) => `  ${item.label.padEnd(width, ' ')}  ${String(item.count).padStart(6, ' ')}`);
}

/**
 * The last line of a review or users list the viewer can no longer change: what they can do
 * instead, so an approver is not offered `decide` or `next`.
 */
export function readOnlyLine(status: RunStatus): string {
  if (status === 'pending-approval')
    return `Read only (${runStatusLabel(status)}). Next: approve · reject <reason>`;
  return `Read only (${runStatusLabel(status)}). Next: /psa status · /psa history`;
}
