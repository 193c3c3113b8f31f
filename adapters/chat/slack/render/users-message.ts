import type { UsersCompanySummary, UsersView } from '../../../../src/app/views.js';
import type { LicenceCheck } from '../../../../src/domain/plan-model.js';
import { PROVIDER_LABELS } from '../../../../src/domain/provider.js';
import { userBulkLabel } from '../../shared/bulk-actions.js';
import { carriedOverText } from '../../shared/carried-over-text.js';
import { messageFor } from '../../shared/error-messages.js';
import { usersSummaryFacts } from '../../shared/users-summary-text.js';
import { actions, type Block, button, divider, header, type SlackMessage, section } from '../blocks.js';
import { escapeMrkdwn, formatCount, mrkdwnText } from '../mrkdwn.js';
import { ACTION, encodeRef, type Ref } from '../refs.js';
import { countsLines, pageLabel } from './labels.js';
import { exportAndCancel, navigation } from './navigation.js';

/** Companies per page of the user overview (one block each). */
export const USERS_PAGE_SIZE = 15;

/** The licence line; the seed's words when there are not enough. */
export function licenceText(licences: LicenceCheck): string {
  const numbers = `${formatCount(licences.needed)} needed, ${formatCount(licences.free)} free`;
  if (licences.enough) return `*Licences:* ${numbers}`;
  const { text, nextStep } = messageFor('insufficient_licenses', {
    licencesFree: licences.free,
    licencesNeeded: licences.needed,
  });
  return `:warning: *${escapeMrkdwn(text)}* (${numbers}). ${escapeMrkdwn(nextStep)}`;
}

function companyLine(company: UsersCompanySummary): string {
  return `*${mrkdwnText(company.name, 200)}*: ${escapeMrkdwn(usersSummaryFacts(company))}`;
}

/** The overview of every selected company's users, with a "Manage users" button per company. */
export function renderUsersOverview(view: UsersView): SlackMessage {
  const base: Ref = { r: view.run.runId, v: view.run.version, p: view.paging.page };
  const provider = PROVIDER_LABELS[view.run.provider];
  const bulk = view.bulk
    .filter((offer) => offer.count > 0)
    .map((offer) =>
      button(
        userBulkLabel(offer.action, formatCount(offer.count)),
        `${ACTION.usersBulk}:${offer.action}`,
        encodeRef({ ...base, a: offer.action }),
      ),
    );
  const next = [
    button('Submit for approval', ACTION.submit, encodeRef(base), 'primary'),
    button('Back to companies', ACTION.backToCompanies, encodeRef(base)),
    ...exportAndCancel(base),
  ];
  const blocks: Block[] = [
    header(`Users to import from ${provider}`),
    section(
      [
        ...countsLines(view.counts),
        licenceText(view.licences),
        ...(view.carriedOver === undefined
          ? []
          : [`:information_source: ${carriedOverText(view.carriedOver)}`]),
      ].join('\n'),
      undefined,
      encodeRef({ ...base, a: 'summary' }),
    ),
    ...(bulk.length === 0 ? [] : [actions(bulk, encodeRef({ ...base, a: 'bulk' }))]),
    actions(next, encodeRef({ ...base, a: 'next' })),
    divider(),
  ];
  for (const company of view.companies) {
    const ref = { ...base, c: company.psaCompanyId };
    blocks.push(
      section(
        companyLine(company),
        button('Manage users', `${ACTION.manageUsers}:${company.psaCompanyId}`, encodeRef(ref)),
        encodeRef({ ...ref, a: 'company' }),
      ),
    );
  }
  if (view.companies.length === 0)
    blocks.push(section('_No companies are selected, so there are no users to import._'));
  blocks.push(...navigation(ACTION.usersPage, view.paging, base, 'companies'));
  return {
    text: `Users to import from ${provider}: ${formatCount(view.counts.usersGrant)} new (${pageLabel(view.paging, 'companies')})`,
    blocks,
  };
}
