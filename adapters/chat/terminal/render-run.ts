import type { ApprovalView, ProgressView, ResultView, RunSummary } from '../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { runSummaryFacts } from '../shared/run-summary-facts.js';
import { formatDate, planCountItems, resultCountItems, runStatusLabel } from '../shared/text.js';
import { countTable, runLine } from './render-common.js';
import { licenceLine } from './render-users.js';
import { clean } from './sanitize.js';

export function renderApproval(view: ApprovalView): string {
  const lines = [runLine(view.run)];
  switch (view.state) {
    case 'pending':
      lines.push(
        `Approval requested by ${clean(view.run.requesterName, 60)}; expires ${formatDate(view.expiresAt)}`,
      );
      break;
    case 'approved':
      lines.push(`Approved by ${clean(view.approverName ?? 'an admin', 60)}`);
      break;
    case 'rejected':
      lines.push(
        `Rejected by ${clean(view.decidedBy ?? 'an admin', 60)}: ${clean(view.rejectReason ?? 'no reason given', 200)}`,
      );
      break;
    case 'expired':
      lines.push('This approval request expired; nothing was imported.');
      break;
    case 'cancelled':
      lines.push('This import was cancelled; nothing was imported.');
      break;
  }
  lines.push(...countTable(planCountItems(view.counts)), licenceLine(view.licences));
  if (view.state === 'pending') {
    lines.push(
      'Next: another admin types `approve` or `reject <reason>`, with the import’s number from `/psa status` when several wait (in the sandbox: `/as bob` first)',
    );
  }
  return lines.join('\n');
}

export function renderResult(view: ResultView): string {
  const by = view.approverName === null ? '' : `, approved by ${clean(view.approverName, 60)}`;
  const lines = [runLine(view.run), `Import applied${by}. ${view.requestCount} requests to the PSA.`];
  lines.push(...countTable(resultCountItems(view.result)));
  for (const issue of view.result.errors)
    lines.push(`  ✗ ${clean(issue.subject)}: ${clean(issue.message, 200)}`);
  return lines.join('\n');
}

export function renderProgress(view: ProgressView): string {
  const what = view.phase === 'companies' ? 'companies' : 'contacts';
  const total = view.total === null ? '' : ` of ${view.total}`;
  return `Fetching ${what} from ${PROVIDER_LABELS[view.provider]}… ${view.done}${total}`;
}

/** `number`: the run's number in `/psa status`, which `approve`, `reject` and `cancel` take. */
export function renderRunSummary(run: RunSummary, number?: number): string {
  const parts = [
    `${formatDate(run.createdAt)}  ${run.runId}  ${PROVIDER_LABELS[run.provider]}  ${runStatusLabel(run.status)}`,
    ...runSummaryFacts(run, clean),
  ];
  return `  ${number === undefined ? '' : `${number}. `}${parts.join(' · ')}`;
}
