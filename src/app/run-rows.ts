import { defaultCompanyDecision } from '../domain/company-decisions.js';
import { defaultUserDecision } from '../domain/contact-assessment.js';
import type { ContactRow, PlanCounts } from '../domain/plan-model.js';
import type { ReviewRow } from '../domain/review.js';
import type {
  CompanyRecord,
  CompanyTotals,
  ContactRecord,
  ContactTotals,
  Repositories,
  RowPosition,
} from '../ports/storage.js';

/** A freshly classified company: the admin has not decided yet, so it holds its default. */
export function newCompanyRecord(row: ReviewRow, orderKey: string): CompanyRecord & { orderKey: string } {
  const decision = defaultCompanyDecision(row);
  return { row, orderKey, defaultDecision: decision, decision };
}

export function newContactRecord(row: ContactRow, orderKey: string): ContactRecord & { orderKey: string } {
  const decision = defaultUserDecision(row);
  return { row, orderKey, defaultDecision: decision, decision };
}

export function planCounts(companies: CompanyTotals, contacts: ContactTotals): PlanCounts {
  return { ...companies.counts, ...contacts.counts };
}

export const ALL_CONTACTS = { psaCompanyId: null, contactType: null } as const;

/** Both tallies of a run, from the one row kept with its rows. */
export async function runTotals(
  repos: Repositories,
  runId: string,
): Promise<{ companies: CompanyTotals; contacts: ContactTotals; counts: PlanCounts }> {
  const { companies, contacts } = await repos.runRows.totals(runId);
  return { companies, contacts, counts: planCounts(companies, contacts) };
}

const CHUNK = 1_000;

/** Every row of a list, a chunk at a time in display order (apply and export only). */
export async function* streamRows<R extends { orderKey: string }>(
  next: (after: RowPosition | null, limit: number) => Promise<R[]>,
  psaIdOf: (record: R) => number,
  size = CHUNK,
): AsyncGenerator<R[]> {
  let after: RowPosition | null = null;
  for (;;) {
    const chunk = await next(after, size);
    if (chunk.length === 0) return;
    yield chunk;
    const last = chunk[chunk.length - 1];
    if (last === undefined || chunk.length < size) return;
    after = { orderKey: last.orderKey, psaId: psaIdOf(last) };
  }
}
