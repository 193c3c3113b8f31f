import { defaultCompanyDecision } from '../domain/company-decisions.js';
import { defaultUserDecision } from '../domain/contact-assessment.js';
import type { CompanyDecision, UserDecision } from '../domain/decisions.js';
import { buildPlan } from '../domain/plan.js';
import type { ContactRow, Plan, PlanCounts } from '../domain/plan-model.js';
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
): AsyncGenerator<R[]> {
  let after: RowPosition | null = null;
  for (;;) {
    const chunk = await next(after, CHUNK);
    if (chunk.length === 0) return;
    yield chunk;
    const last = chunk[chunk.length - 1];
    if (last === undefined || chunk.length < CHUNK) return;
    after = { orderKey: last.orderKey, psaId: psaIdOf(last) };
  }
}

/**
 * The whole plan of a run, read a chunk at a time. Only the apply needs every row at once: it
 * writes them all in one transaction.
 */
export async function loadPlan(
  repos: Repositories,
  runId: string,
): Promise<{ readonly plan: Plan; readonly contactIds: ReadonlySet<number> }> {
  const inPsa: ReviewRow[] = [];
  const companies: Record<string, CompanyDecision> = {};
  for await (const chunk of streamRows(
    (after, limit) => repos.runRows.companiesAfter(runId, after, limit),
    (record) => record.row.company.psaId,
  )) {
    for (const record of chunk) {
      inPsa.push(record.row);
      companies[String(record.row.company.psaId)] = record.decision;
    }
  }
  const contacts: ContactRow[] = [];
  const users: Record<string, UserDecision> = {};
  for await (const chunk of streamRows(
    (after, limit) => repos.runRows.contactsAfter(runId, after, limit),
    (record) => record.row.contact.psaId,
  )) {
    for (const record of chunk) {
      contacts.push(record.row);
      users[String(record.row.contact.psaId)] = record.decision;
    }
  }
  const plan = buildPlan({ inPsa, notInPsa: [] }, contacts, { companies, users });
  return { plan, contactIds: new Set(contacts.map((row) => row.contact.psaId)) };
}
