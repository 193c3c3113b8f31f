/**
 * How the sandbox Autotask spells the managed companies the terminal's sandbox tenant already has
 * (the ConnectWise sandbox's list), so an import from either PSA shows them as potential
 * duplicates rather than new companies. Like the ConnectWise sandbox, it has nothing for the last
 * one ("Stark Industries"): a managed company that is in no PSA.
 */
import { SANDBOX_EXISTING_MANAGED_COMPANIES } from '../connectwise/hard-cases.js';

export const SANDBOX_MANAGED_COMPANY_NAMES: readonly string[] = SANDBOX_EXISTING_MANAGED_COMPANIES.slice(
  0,
  -1,
);

const TRAILING_LEGAL_FORM = /(?:,?\s+(?:inc|ltd|llc|limited|co|corp|corporation|gmbh)\.?)+$/i;

/** Another case, a leading "The" or other punctuation, and another legal form: the same company. */
export function variantOf(name: string, index: number): string {
  const bare = name.replace(TRAILING_LEGAL_FORM, '');
  return index % 2 === 0 ? `The ${bare.toUpperCase()} Ltd.` : `${bare.toLowerCase()}, Inc.`;
}
