import type { CompanyDecisionItem, Intent, Paging, UserDecisionItem } from '../../../src/app/intents.js';
import { decodeCompanyDecision, decodeUserDecision } from '../shared/decision-codec.js';
import { type CardActionData, INPUT, inputValue } from './card-actions.js';

/**
 * What the admin changed on a page of rows: the inputs Teams sent, compared with the decisions
 * the card showed (`data.rows`). The changes of one Save become one batch intent, applied
 * all-or-nothing; with no change there is none, so pressing Save twice, or a retried click, sends
 * nothing the second time. A company found with a row's "Find" is one more choice of its list.
 */
export function companyChanges(runId: string, data: CardActionData, paging: Paging): Intent[] {
  const decisions: CompanyDecisionItem[] = [];
  for (const [rowId, shown] of Object.entries(data.rows ?? {})) {
    const psaCompanyId = Number(rowId);
    const picked = inputValue(data, INPUT.company(psaCompanyId));
    if (picked === null || picked === shown) continue;
    const decision = decodeCompanyDecision(picked);
    if (decision === null) continue;
    decisions.push({ psaCompanyId, decision });
  }
  return decisions.length === 0 ? [] : [{ kind: 'decide-companies', runId, decisions, paging }];
}

export function userChanges(runId: string, data: CardActionData, paging: Paging): Intent[] {
  const decisions: UserDecisionItem[] = [];
  for (const [rowId, shown] of Object.entries(data.rows ?? {})) {
    const psaContactId = Number(rowId);
    const picked = inputValue(data, INPUT.user(psaContactId));
    if (picked === null || picked === shown) continue;
    const decision = decodeUserDecision(picked);
    if (decision === null) continue;
    decisions.push({ psaContactId, decision });
  }
  return decisions.length === 0 ? [] : [{ kind: 'decide-users', runId, decisions, paging }];
}
