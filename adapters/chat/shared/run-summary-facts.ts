import type { RunSummary } from '../../../src/app/views.js';
import { messageFor } from './error-messages.js';
import type { InertText } from './review-facts.js';
import { countOf } from './text.js';

/**
 * What a line of `/psa status` or `/psa history` says about a run after its provider, status and
 * date, the same on every surface: who started it, who decided it (a rejection reads "rejected
 * by X", never "approved by"), what it did and why it failed.
 */
export function runSummaryFacts(run: RunSummary, inert: InertText): string[] {
  const parts = [`by ${inert(run.requesterName, 80)}`];
  if (run.status === 'rejected') {
    parts.push(`rejected by ${inert(run.decidedBy ?? 'an admin', 80)}`);
    if (run.rejectReason !== null) parts.push(`reason: ${inert(run.rejectReason, 60)}`);
  } else if (run.approverName !== null) {
    parts.push(`approved by ${inert(run.approverName, 80)}`);
  }
  if (run.result !== null) {
    parts.push(
      `${countOf(run.result.companiesCreated, 'company', 'companies')} created, ${countOf(run.result.usersImported, 'user')} imported`,
    );
  }
  // Our own words, but each surface's escaping keeps them literal as well.
  if (run.failureCode !== null) parts.push(inert(messageFor(run.failureCode).text, 200));
  return parts;
}
