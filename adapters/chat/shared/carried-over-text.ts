import type { CarriedUserDecisions } from '../../../src/app/views.js';

/**
 * After going back to the companies, what became of the admin's user decisions, the same on every
 * surface: "Your earlier user choices: 98 kept, 2 no longer apply (…)". Our words and counts
 * only, so no surface needs to escape it.
 */
export function carriedOverText(carried: CarriedUserDecisions): string {
  const kept = `Your earlier user choices: ${carried.kept} kept`;
  if (carried.dropped === 0) return kept;
  const verb = carried.dropped === 1 ? 'applies' : 'apply';
  return `${kept}, ${carried.dropped} no longer ${verb} (contacts now left out, gone from the PSA or not eligible, or companies now new or mapped elsewhere)`;
}

/**
 * Right after going back to the companies: the admin's user decisions are not lost with the
 * contact rows (they wait for the next fetch), so they need not set them again.
 */
export function keptAsideText(kept: number): string {
  const choices = kept === 1 ? '1 user choice is' : `${kept} user choices are`;
  return `Your ${choices} kept for when you continue to users`;
}
