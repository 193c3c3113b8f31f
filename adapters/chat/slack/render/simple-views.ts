import type { RunSummary, View } from '../../../../src/app/views.js';
import type { ErrorCode, ErrorDetails } from '../../../../src/domain/errors.js';
import { PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import { digestHistoryLine, scheduleLine } from '../../shared/digest-text.js';
import { messageFor } from '../../shared/error-messages.js';
import { runSummaryFacts } from '../../shared/run-summary-facts.js';
import { companiesNextCommand, companiesSummary, runStatusLabel } from '../../shared/text.js';
import { type Block, header, type SlackMessage, section } from '../blocks.js';
import { escapeMrkdwn, formatCount, mentionOrName, mrkdwnText } from '../mrkdwn.js';
import { renderDigestMessage } from './digest-message.js';
import { renderDirectoryApiView } from './directory-api-views.js';

const LIST_SHOWN = 25;

export function renderError(code: ErrorCode, details: ErrorDetails = {}): SlackMessage {
  const { text, nextStep } = messageFor(code, details);
  return {
    text,
    blocks: [section(`:warning: *${escapeMrkdwn(text)}*\n${escapeMrkdwn(nextStep)}`)],
  };
}

function runLine(run: RunSummary): string {
  const when = run.createdAt.slice(0, 16).replace('T', ' ');
  const head = [`*${PROVIDER_LABELS[run.provider]}* · ${runStatusLabel(run.status)} · ${when} UTC`];
  return `• ${[...head, ...runSummaryFacts(run, mrkdwnText)].join(' · ')}`;
}

function list(lines: readonly string[], empty: string): string {
  if (lines.length === 0) return empty;
  const shown = lines.slice(0, LIST_SHOWN);
  if (lines.length > LIST_SHOWN) shown.push(`…and ${formatCount(lines.length - LIST_SHOWN)} more`);
  return shown.join('\n');
}

function message(title: string, body: string, fallback: string = title): SlackMessage {
  const blocks: Block[] = [header(title), section(body)];
  return { text: fallback, blocks };
}

/**
 * Views answered privately to the admin who asked (ephemeral). The import flow's own views
 * (review, users, approval, result, progress) have their own renderers.
 */
export function renderSimpleView(view: View): SlackMessage | null {
  switch (view.kind) {
    case 'help':
      return message(
        'PSA import bot',
        view.commands.map((c) => `\`${escapeMrkdwn(c.usage)}\` ${escapeMrkdwn(c.summary)}`).join('\n'),
        'PSA import bot commands',
      );
    case 'notice': {
      const icon =
        view.tone === 'success'
          ? ':white_check_mark:'
          : view.tone === 'warning'
            ? ':warning:'
            : ':information_source:';
      const subject = view.subject === undefined ? '' : `: *${mrkdwnText(view.subject, 300)}*`;
      return { text: view.text, blocks: [section(`${icon} ${escapeMrkdwn(view.text)}${subject}`)] };
    }
    case 'error':
      return renderError(view.code, view.details);
    case 'connected':
      return {
        text: `Connected to ${PROVIDER_LABELS[view.provider]}`,
        blocks: [
          section(
            `:white_check_mark: *Connected to ${PROVIDER_LABELS[view.provider]}.* The credentials are stored encrypted and are never shown again. Run \`/psa import ${view.provider}\` to start an import.`,
          ),
        ],
      };
    case 'status': {
      const integrations = view.integrations.map((p) => PROVIDER_LABELS[p]).join(', ') || 'none yet';
      const schedules = (view.schedules ?? []).map((schedule) => `• ${escapeMrkdwn(scheduleLine(schedule))}`);
      const digests = schedules.length === 0 ? '' : `\n*Change digests:*\n${schedules.join('\n')}`;
      return message(
        'Status',
        `*Connected PSAs:* ${integrations}\n*Open imports:*\n${list(view.open.map(runLine), '_none_')}${digests}`,
      );
    }
    case 'history': {
      const digests = (view.digests ?? []).map((entry) => `• ${escapeMrkdwn(digestHistoryLine(entry))}`);
      const tail = digests.length === 0 ? '' : `\n*Change digests:*\n${digests.join('\n')}`;
      return message('Import history', `${list(view.runs.map(runLine), '_No imports yet._')}${tail}`);
    }
    case 'digest':
      return renderDigestMessage(view);
    case 'admins': {
      const lines = view.admins.map(
        (a) => `• ${mentionOrName(a.platform, a.userId, a.displayName)} (${a.platform})`,
      );
      const policy =
        view.approvalPolicy === 'self'
          ? 'An admin may approve their own import (policy `self`).'
          : 'Imports need a second admin to approve (policy `second-admin`).';
      return message('Admins', `${list(lines, '_none_')}\n${policy}`);
    }
    case 'licenses':
      return message(
        'Licences',
        `*Total:* ${formatCount(view.total)} · *used:* ${formatCount(view.used)} · *free:* ${formatCount(view.free)}`,
      );
    case 'companies': {
      const lines = view.companies.map((c) => `• ${mrkdwnText(c.name, 150)}`);
      const next = companiesNextCommand(view);
      const more =
        next === null
          ? ''
          : `\nMore: \`/psa companies ${next.query === '' ? '' : `${mrkdwnText(next.query, 100)} `}page ${next.page}\``;
      return message(
        `Managed companies: ${companiesSummary(view)}`,
        `${list(lines, '_No managed companies match._')}${more}`,
        `Managed companies: ${companiesSummary(view)}`,
      );
    }
    case 'api-token-created':
    case 'api-tokens':
    case 'webhook-secret':
    case 'webhooks':
      return renderDirectoryApiView(view);
    default:
      return null;
  }
}
