import type { View } from '../../../src/app/views.js';
import { companyDecisionLabel, userDecisionLabel } from '../shared/text.js';
import { companyPlanLine, itemNumber, userPlanLine } from './render-common.js';
import { licenceLine } from './render-users.js';
import { renderView } from './render-view.js';
import { clean } from './sanitize.js';

/**
 * After a decision the whole page would scroll the answer away; show only the rows that changed
 * (by PSA id) and the totals. Anything but a review or users view (an error) is shown in full.
 */
export function renderConfirmation(view: View, psaIds: readonly number[]): string {
  if (view.kind === 'review') {
    const lines = view.rows.flatMap((row, index) =>
      psaIds.includes(row.psaCompanyId)
        ? [
            `✓ ${itemNumber(view.paging, index)}. ${clean(row.name)} → ${companyDecisionLabel(row.decision, row.targetName === null ? null : clean(row.targetName))}`,
          ]
        : [],
    );
    return [...lines, companyPlanLine(view.counts)].join('\n');
  }
  if (view.kind === 'users') {
    const lines = view.contacts.flatMap((contact, index) =>
      psaIds.includes(contact.psaContactId)
        ? [
            `✓ ${itemNumber(view.paging, index)}. ${clean(contact.name, 80)} → ${userDecisionLabel(contact.decision, contact.previouslyImported)}`,
          ]
        : [],
    );
    return [...lines, userPlanLine(view.counts), licenceLine(view.licences)].join('\n');
  }
  return renderView(view);
}
