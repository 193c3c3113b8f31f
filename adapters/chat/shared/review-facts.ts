import type { ReviewRowView, ReviewView } from '../../../src/app/views.js';
import type { MissingRow } from '../../../src/domain/review.js';
import { activeLabel, filterSuffix, formatDate } from './text.js';

/** How a surface makes PSA text inert and cuts it to `max` characters (issue 8: one rule). */
export type InertText = (text: string, max: number) => string;

/**
 * The facts under a review row, the same on every surface: `PSA id 11 · Type: Client ·
 * Status: Active · Last import: never`. The PSA's own status word when it has one, with
 * `(inactive)` added only when the word does not say so already (never `Inactive (inactive)`).
 */
export function reviewRowFacts(row: ReviewRowView, inert: InertText, max = 60): string[] {
  const types = row.typeNames.length === 0 ? 'no type' : `Type: ${inert(row.typeNames.join(', '), max * 2)}`;
  const status =
    row.statusName === null
      ? activeLabel(row.active)
      : `Status: ${inert(row.statusName, max)}${row.active || /inactive/i.test(row.statusName) ? '' : ' (inactive)'}`;
  return [`PSA id ${row.psaCompanyId}`, types, status, `Last import: ${formatDate(row.lastImportedAt)}`];
}

/** `type Client, status Active (default filter)`: the label holds PSA type and status names. */
export function filterText(filter: ReviewView['filter'], inert: InertText, max: number): string {
  return `${inert(filter.label, max)}${filterSuffix(filter.isDefault)}`;
}

/**
 * A managed company whose PSA company was not found, the same on every surface: its name, and
 * `PSA id 12 · <why> · last import <date>` for the detail.
 */
export function missingCompanyFacts(
  missing: MissingRow,
  inert: InertText,
  max: { readonly name: number; readonly reason: number },
): { readonly name: string; readonly detail: string } {
  return {
    name: inert(missing.managedCompanyName, max.name),
    detail: [
      `PSA id ${missing.psaCompanyId}`,
      inert(missing.reason, max.reason),
      `last import ${formatDate(missing.lastImportedAt)}`,
    ].join(' · '),
  };
}
