import type { ProgressView, ResultView, RunSummary } from '../../../src/app/views.js';
import { PROVIDER_LABELS, type Provider } from '../../../src/domain/provider.js';
import { runSummaryFacts } from '../shared/run-summary-facts.js';
import { countOf, formatDate, resultCountItems, runStatusLabel } from '../shared/text.js';
import { type Card, card, type Element, facts, heading, text } from './card-kit.js';
import { md } from './markdown.js';

const ERRORS_SHOWN = 20;

/** The message that starts the run's thread; updated when the run ends. */
export function rootCard(provider: Provider, requesterName: string, state: string): Card {
  return card([
    heading(`PSA import from ${PROVIDER_LABELS[provider]}`),
    text(`Started by ${md(requesterName, 80)}. ${state}`),
  ]);
}

function bar(done: number, total: number): string {
  const filled = Math.round((Math.min(done, total) / total) * 20);
  return `${'█'.repeat(filled)}${'░'.repeat(20 - filled)}`;
}

/** One card per run, updated in place while the PSA is read. */
export function progressCard(progress: ProgressView, finished: boolean): Card {
  const what = progress.phase === 'companies' ? 'companies' : 'contacts';
  const source = PROVIDER_LABELS[progress.provider];
  if (finished)
    return card([text(`Read ${countOf(progress.done, what.slice(0, -1), what)} from ${source}.`)]);
  const body: Element[] = [text(`Reading ${what} from ${source}…`, { weight: 'Bolder' })];
  if (progress.total !== null && progress.total > 0) {
    const percent = Math.floor((Math.min(progress.done, progress.total) / progress.total) * 100);
    body.push(
      text(`${bar(progress.done, progress.total)} ${progress.done} of ${progress.total} (${percent}%)`),
    );
  } else {
    body.push(text(`${progress.done} so far`));
  }
  return card(body);
}

/** Step 7: what the apply did, with every error. */
export function resultCard(view: ResultView): Card {
  const errors = view.result.errors;
  const body: Element[] = [
    heading(`✅ Import from ${PROVIDER_LABELS[view.run.provider]} applied`),
    text(
      `Prepared by ${md(view.run.requesterName, 80)}${view.approverName === null ? '' : `, approved by ${md(view.approverName, 80)}`}.`,
    ),
    facts(resultCountItems(view.result).map((item) => [item.label, String(item.count)] as const)),
    text(`${countOf(view.requestCount, 'request')} to the PSA.`, { isSubtle: true }),
  ];
  if (errors.length > 0) {
    body.push(heading('Errors'));
    for (const issue of errors.slice(0, ERRORS_SHOWN)) {
      body.push(
        text(`${md(issue.subject, 120)}: ${md(issue.message, 300)}`, {
          color: 'Attention',
          spacing: 'Small',
        }),
      );
    }
    if (errors.length > ERRORS_SHOWN)
      body.push(text(`and ${errors.length - ERRORS_SHOWN} more.`, { isSubtle: true }));
  }
  return card(body);
}

export function runLine(run: RunSummary): string {
  const head = [
    `**${PROVIDER_LABELS[run.provider]}**`,
    runStatusLabel(run.status),
    formatDate(run.createdAt),
  ];
  return [...head, ...runSummaryFacts(run, md)].join(' · ');
}
