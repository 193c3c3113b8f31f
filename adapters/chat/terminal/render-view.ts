import type { View } from '../../../src/app/views.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { digestHistoryLine, scheduleLine } from '../shared/digest-text.js';
import { messageFor } from '../shared/error-messages.js';
import { companiesNextCommand, companiesSummary } from '../shared/text.js';
import { renderFlowView } from '../shared/view-dispatch.js';
import { renderDigest } from './render-digest.js';
import { renderDirectoryApi } from './render-directory-api.js';
import { type ReviewRenderOptions, renderReview } from './render-review.js';
import { renderApproval, renderProgress, renderResult, renderRunSummary } from './render-run.js';
import { renderUsers } from './render-users.js';
import { clean } from './sanitize.js';

/** Commands the terminal adds to the core's `/psa` list, for the help text. */
export const TERMINAL_COMMANDS: readonly { readonly usage: string; readonly summary: string }[] = [
  {
    usage: 'review [page] [all]',
    summary: 'the companies of the open import, decisions first (all: every mapped row too)',
  },
  { usage: 'decide <row#> create|skip|keep|unmap', summary: 'decide one company' },
  {
    usage: 'decide <row#> map <candidate#|@company#|id>',
    summary: 'map to a candidate, a company from `/psa companies`, or an id',
  },
  { usage: 'bulk create-unmapped|map-single|skip-all|reset', summary: 'decide many companies at once' },
  { usage: 'next / back', summary: 'continue to users / return to companies' },
  { usage: 'users [company#] [page <n>]', summary: 'the selected companies, or one company’s contacts' },
  { usage: 'grant|skip|new-user <contact#>…', summary: 'decide contacts of the company shown' },
  { usage: 'map-user <contact#> [user id]', summary: 'map a contact to an existing user' },
  { usage: 'bulk-users grant-all|skip-all|reset [type]', summary: 'decide many contacts at once' },
  { usage: 'page <n>', summary: 'another page of the last list' },
  {
    usage: 'submit / approve [n] / reject [n] <reason>',
    summary: 'ask for, give or refuse approval (n: the import’s number in /psa status)',
  },
  { usage: 'export [n]', summary: 'write the review as CSV under the data folder' },
  { usage: '/as <admin>', summary: 'act as another admin (sandbox only)' },
  { usage: 'quit', summary: 'leave (end of input does the same)' },
];

function renderHelp(commands: readonly { usage: string; summary: string }[]): string {
  const all = [...commands, ...TERMINAL_COMMANDS];
  const width = Math.min(48, Math.max(...all.map((c) => c.usage.length)));
  const line = (c: { usage: string; summary: string }) => `  ${c.usage.padEnd(width, ' ')}  ${c.summary}`;
  return ['Commands:', ...commands.map(line), 'In an import:', ...TERMINAL_COMMANDS.map(line)].join('\n');
}

/** Every view as readable plain text; untrusted text is cleaned of control characters. */
export function renderView(view: View, screen: ReviewRenderOptions = {}): string {
  return renderFlowView(
    view,
    {
      review: (review) => renderReview(review, screen),
      users: renderUsers,
      approval: renderApproval,
      result: renderResult,
      progress: renderProgress,
    },
    renderOther,
  );
}

function renderOther(view: View): string {
  switch (view.kind) {
    case 'help':
      return renderHelp(view.commands);
    case 'notice': {
      const mark = view.tone === 'success' ? '✓' : view.tone === 'warning' ? '!' : '·';
      return `${mark} ${view.text}${view.subject === undefined ? '' : `: ${clean(view.subject, 200)}`}`;
    }
    case 'error': {
      const message = messageFor(view.code, view.details);
      return `✗ ${message.text}\n  ${message.nextStep}`;
    }
    case 'credentials-form':
      return `Credentials for ${PROVIDER_LABELS[view.provider]}: ${view.fields.map((f) => f.label).join(', ')}`;
    case 'connected':
      return `✓ Connected to ${PROVIDER_LABELS[view.provider]}; the credentials are stored encrypted. Next: /psa import ${view.provider}`;
    case 'status': {
      const connected =
        view.integrations.length === 0 ? 'none' : view.integrations.map((p) => PROVIDER_LABELS[p]).join(', ');
      const open =
        view.open.length === 0
          ? ['  no import in progress']
          : view.open.map((run, i) => renderRunSummary(run, i + 1));
      const schedules = (view.schedules ?? []).map((schedule) => scheduleLine(schedule));
      return [`Connected PSAs: ${connected}`, 'Open imports:', ...open, ...schedules].join('\n');
    }
    case 'history': {
      const runs =
        view.runs.length === 0
          ? 'No imports yet.'
          : ['Recent imports:', ...view.runs.map((run) => renderRunSummary(run))].join('\n');
      const digests = view.digests ?? [];
      return digests.length === 0
        ? runs
        : [runs, 'Recent change digests:', ...digests.map((entry) => `  ${digestHistoryLine(entry)}`)].join(
            '\n',
          );
    }
    case 'digest':
      return renderDigest(view);
    case 'admins':
      return [
        `Admins (approval policy: ${view.approvalPolicy}):`,
        ...view.admins.map((a) => `  ${a.platform}:${clean(a.userId, 80)}  ${clean(a.displayName, 80)}`),
      ].join('\n');
    case 'licenses':
      return `Licences: ${view.total} in total, ${view.used} used, ${view.free} free`;
    case 'companies':
    case 'company-options': {
      const list = view.kind === 'companies' ? view.companies : view.options;
      // The matches and the tenant's total, each named; `@n` counts from 1 on every page (decide … map @n).
      const header =
        view.kind === 'companies'
          ? `Managed companies: ${companiesSummary(view)}`
          : `Matching companies: ${list.length}`;
      const lines = list.map((c, i) => `  @${i + 1}  ${clean(c.name)}  (id ${clean(c.id, 60)})`);
      const next = view.kind === 'companies' ? companiesNextCommand(view) : null;
      return [
        header,
        ...lines,
        ...(next === null
          ? []
          : [
              `More: /psa companies ${next.query === '' ? '' : `${clean(next.query, 100)} `}page ${next.page}`,
            ]),
        ...(list.length > 0 ? ['Map a row to one with `decide <row#> map @<n>`'] : []),
      ].join('\n');
    }
    case 'export':
      return `Export of import ${view.runId}: ${view.filename}`;
    case 'api-token-created':
    case 'api-tokens':
    case 'webhook-secret':
    case 'webhooks':
      return renderDirectoryApi(view);
    default:
      return '';
  }
}
