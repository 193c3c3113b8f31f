import type { PageInfo } from '../../../../src/app/views.js';
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
