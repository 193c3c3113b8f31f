import type { Intent, Paging } from '../../../src/app/intents.js';
import { decodeCompanyDecision, decodeUserDecision, mapCode } from '../shared/decision-codec.js';
import { type CardActionData, INPUT, inputValue } from './card-actions.js';

/**
 * What the admin changed on a page of rows: the inputs Teams sent, compared with the decisions
 * the card showed (`data.rows`). Only changes become intents, so pressing Save twice, or a retried
 * click, sends nothing the second time. A company picked in the search box wins over the list.
 */
export function companyChanges(runId: string, data: CardActionData, paging: Paging): Intent[] {
  const intents: Intent[] = [];
  for (const [rowId, shown] of Object.entries(data.rows ?? {})) {
    const psaCompanyId = Number(rowId);
    const searched = inputValue(data, INPUT.mapSearch(psaCompanyId))?.trim() ?? '';
    const picked = searched !== '' ? mapCode(searched) : inputValue(data, INPUT.company(psaCompanyId));
    if (picked === null || picked === shown) continue;
    const decision = decodeCompanyDecision(picked);
    if (decision === null) continue;
    intents.push({ kind: 'decide-companies', runId, decisions: [{ psaCompanyId, decision }], paging });
  }
  return intents;
}

export function userChanges(runId: string, data: CardActionData, paging: Paging): Intent[] {
  const intents: Intent[] = [];
  for (const [rowId, shown] of Object.entries(data.rows ?? {})) {
    const psaContactId = Number(rowId);
    const picked = inputValue(data, INPUT.user(psaContactId));
    if (picked === null || picked === shown) continue;
    const decision = decodeUserDecision(picked);
    if (decision === null) continue;
    intents.push({ kind: 'decide-users', runId, decisions: [{ psaContactId, decision }], paging });
  }
  return intents;
}
