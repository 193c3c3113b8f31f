import type { CompanyDecision, UserDecision } from '../../../src/domain/decisions.js';
import type { ApplyResult, PlanCounts } from '../../../src/domain/plan-model.js';
import type { CompanyStatus } from '../../../src/domain/review.js';
import type { ReviewGroup } from '../../../src/domain/review-order.js';
import type { RunStatus } from '../../../src/domain/run-status.js';

/**
 * Surface-neutral wording shared by the chat adapters. Nothing here escapes: each surface escapes
 * untrusted text its own way first, then truncates with `truncate`.
 */

/** Cuts to at most `max` characters (code points, so no emoji is split), ending with `…`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join('');
  return `${chars.slice(0, max - 1).join('')}…`;
}

/** `1 company`, `3 companies`, `0 users`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `2025-03-04 14:05 UTC`, or `fallback` for no date. Always UTC: admins may sit in any zone. */
export function formatDate(iso: string | null, fallback = 'never'): string {
  if (iso === null) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const STATUS_LABELS: Readonly<Record<CompanyStatus, string>> = {
  mapped: 'Mapped',
  unmapped: 'Unmapped',
  'potential-duplicate': 'Unmapped – potential duplicate',
};

export function companyStatusLabel(status: CompanyStatus): string {
  return STATUS_LABELS[status];
}

export function activeLabel(active: boolean | null): string {
  if (active === null) return 'unknown';
  return active ? 'Active' : 'Inactive';
}

/** What a company decision will do, e.g. `Map to ACME Inc` (the name is untrusted). */
export function companyDecisionLabel(decision: CompanyDecision, targetName: string | null): string {
  switch (decision.kind) {
    case 'create':
      return 'Create new company';
    case 'keep':
      return targetName === null ? 'Keep mapping' : `Keep mapped to ${targetName}`;
    case 'map':
      return targetName === null ? 'Map to existing company' : `Map to ${targetName}`;
    case 'unmap-create':
      return 'Unmap and create new company';
    case 'skip':
      return 'Leave out';
  }
}

export function userDecisionLabel(decision: UserDecision, previouslyImported: boolean): string {
  switch (decision.kind) {
    case 'grant':
      return previouslyImported ? 'Keep access' : 'Grant access (new user)';
    case 'map':
      return 'Map to existing user';
    case 'unmap-create':
      return 'Unmap and create new user';
    case 'skip':
      return 'Leave out';
  }
}

const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  fetching: 'fetching companies',
  'reviewing-companies': 'reviewing companies',
  'fetching-contacts': 'fetching contacts',
  'reviewing-users': 'reviewing users',
  'pending-approval': 'waiting for approval',
  applied: 'applied',
  rejected: 'rejected',
  cancelled: 'cancelled',
  expired: 'expired',
  failed: 'failed',
};

export function runStatusLabel(status: RunStatus): string {
  return RUN_STATUS_LABELS[status];
}

export interface CountItem {
  readonly label: string;
  readonly count: number;
}

/** The approval's counts, in the order admins read them; zero lines are kept so nothing hides. */
export function planCountItems(counts: PlanCounts): CountItem[] {
  return [
    { label: 'Companies to create', count: counts.companiesCreate },
    { label: 'Companies to map to existing', count: counts.companiesMap },
    { label: 'Companies to unmap and create', count: counts.companiesUnmap },
    { label: 'Companies to keep (already mapped)', count: counts.companiesKeep },
    { label: 'Companies left out', count: counts.companiesSkip },
    { label: 'Users to grant (new, one licence each)', count: counts.usersGrant },
    { label: 'Users to map to existing', count: counts.usersMap },
    { label: 'Users kept (imported before)', count: counts.usersKeep },
    { label: 'Users left out', count: counts.usersSkip },
    { label: 'Users not eligible', count: counts.usersIneligible },
  ];
}

export function resultCountItems(result: ApplyResult): CountItem[] {
  return [
    { label: 'Companies created', count: result.companiesCreated },
    { label: 'Companies mapped', count: result.companiesMapped },
    { label: 'Companies unmapped', count: result.companiesUnmapped },
    { label: 'Companies kept', count: result.companiesKept },
    { label: 'Users imported', count: result.usersImported },
    { label: 'Users mapped', count: result.usersMapped },
    { label: 'Users kept', count: result.usersKept },
    ...(result.usersGoneFromPsa === undefined
      ? []
      : [{ label: 'Users no longer in the PSA (kept)', count: result.usersGoneFromPsa }]),
    { label: 'Errors', count: result.errors.length },
  ];
}

/** Section headings of the decisions-first review (issue 15), the same words on every surface. */
export const REVIEW_GROUP_HEADINGS: Readonly<Record<ReviewGroup, string>> = {
  decide: 'Needs a decision: similar names or several matches',
  duplicate: 'Potential duplicates: mapped to the same name',
  create: 'New: created',
  'left-out': 'Left out last time: left out again',
  mapped: 'Mapped: kept',
};

/** What rows nobody touched will do: the review header's "default". */
export const REVIEW_DEFAULTS =
  'Defaults: new → create · same name → map · mapped → keep · left out → left out';

/** `Client; Active; active only (default filter)`; the label holds PSA names (untrusted). */
export function filterSuffix(isDefault: boolean): string {
  return isDefault ? ' (default filter)' : '';
}

/** `120 matches of 110,021 managed companies, page 1 of 3`: the matches, never the tenant total alone. */
export function companiesSummary(view: {
  readonly query: string;
  readonly total: number;
  readonly paging: { readonly page: number; readonly totalPages: number; readonly totalItems: number };
}): string {
  const all = view.total.toLocaleString('en-US');
  const found =
    view.query === ''
      ? `${countOf(view.total, 'managed company', 'managed companies').replace(String(view.total), all)}`
      : `${countOf(view.paging.totalItems, 'match', 'matches').replace(String(view.paging.totalItems), view.paging.totalItems.toLocaleString('en-US'))} of ${all} managed companies`;
  if (view.paging.totalPages <= 1) return found;
  return `${found}, page ${view.paging.page + 1} of ${view.paging.totalPages.toLocaleString('en-US')}`;
}

/** The command for the next page of `/psa companies`, or null on the last; the query is untrusted. */
export function companiesNextCommand(view: {
  readonly query: string;
  readonly paging: { readonly page: number; readonly totalPages: number };
}): { readonly query: string; readonly page: number } | null {
  if (view.paging.page + 1 >= view.paging.totalPages) return null;
  return { query: view.query, page: view.paging.page + 2 };
}

/**
 * Notes on a contact row that never block it ("email domain globex.com belongs to Globex"), the
 * same words on every surface; each surface escapes and marks them its own way.
 */
export function contactNotes(contact: { readonly domainNote?: string | null }): string[] {
  return contact.domainNote ? [`Note: ${contact.domainNote}`] : [];
}
