import type { UsersCompanySummary } from '../../../src/app/views.js';

/**
 * What follows a company's name in the users overview, in the same words on every surface. The
 * PSA id tells apart two companies of the same name (the review rows show it too); "not eligible"
 * only when some are, so most lines fit an 80-column terminal. Our words and numbers only, so no
 * surface needs to escape it.
 */
export function usersSummaryFacts(summary: UsersCompanySummary): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const ineligible = summary.ineligible === 0 ? '' : ` · ${count(summary.ineligible)} not eligible`;
  return `PSA id ${summary.psaCompanyId} · ${count(summary.granted)} of ${count(summary.eligible)} eligible get access${ineligible}`;
}
