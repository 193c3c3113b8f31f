import type { PageInfo } from '../../../../src/app/views.js';
import type { CompanyDecision, UserDecision } from '../../../../src/domain/decisions.js';
import type { PlanCounts } from '../../../../src/domain/plan-model.js';
import type { CompanyStatus } from '../../../../src/domain/review.js';
import { formatCount } from '../mrkdwn.js';

export function statusLabel(status: CompanyStatus): string {
  switch (status) {
    case 'mapped':
      return 'Mapped';
    case 'unmapped':
      return 'Unmapped';
    case 'potential-duplicate':
      return 'Unmapped – potential duplicate';
  }
}

/** Option value for a company decision; `map:` carries the managed company id. */
export function companyDecisionValue(decision: CompanyDecision): string {
  return decision.kind === 'map' ? `map:${decision.companyId}` : decision.kind;
}

export function parseCompanyDecision(value: string): CompanyDecision | null {
  if (value.startsWith('map:') && value.length > 4) return { kind: 'map', companyId: value.slice(4) };
  switch (value) {
    case 'create':
    case 'keep':
    case 'unmap-create':
    case 'skip':
      return { kind: value };
    default:
      return null;
  }
}

export function userDecisionValue(decision: UserDecision): string {
  return decision.kind === 'map' ? `map:${decision.userId}` : decision.kind;
}

export function parseUserDecision(value: string): UserDecision | null {
  if (value.startsWith('map:') && value.length > 4) return { kind: 'map', userId: value.slice(4) };
  switch (value) {
    case 'grant':
    case 'unmap-create':
    case 'skip':
      return { kind: value };
    default:
      return null;
  }
}

/** "Companies: create 3 · map 1 …" and "Users: …", our own words with numbers only. */
export function countsLines(counts: PlanCounts): string[] {
  const companies = [
    `create ${formatCount(counts.companiesCreate)}`,
    `map ${formatCount(counts.companiesMap)}`,
    `unmap and create ${formatCount(counts.companiesUnmap)}`,
    `keep ${formatCount(counts.companiesKeep)}`,
    `leave out ${formatCount(counts.companiesSkip)}`,
  ];
  const users = [
    `grant ${formatCount(counts.usersGrant)} new`,
    `map ${formatCount(counts.usersMap)}`,
    `keep ${formatCount(counts.usersKeep)}`,
    `leave out ${formatCount(counts.usersSkip)}`,
    `ineligible ${formatCount(counts.usersIneligible)}`,
  ];
  return [`*Companies:* ${companies.join(' · ')}`, `*Users:* ${users.join(' · ')}`];
}

export function pageLabel(paging: PageInfo, noun: string): string {
  if (paging.totalItems === 0) return `No ${noun}`;
  const from = paging.page * paging.pageSize + 1;
  const to = Math.min(paging.totalItems, from + paging.pageSize - 1);
  return `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} ${formatCount(from)}–${formatCount(to)} of ${formatCount(paging.totalItems)} · page ${formatCount(paging.page + 1)} of ${formatCount(paging.totalPages)}`;
}

export function shortDate(iso: string | null): string {
  if (iso === null) return 'never';
  return iso.slice(0, 10);
}
