import { approvalCard, approvedCard } from '../../adapters/chat/teams/approval-card.js';
import type { Card } from '../../adapters/chat/teams/card-kit.js';
import { credentialsDialogCard, importDialogCard } from '../../adapters/chat/teams/dialog-cards.js';
import { errorCard } from '../../adapters/chat/teams/message-cards.js';
import { REVIEW_PAGE_SIZE, USERS_PAGE_SIZE } from '../../adapters/chat/teams/paging.js';
import { reviewCard } from '../../adapters/chat/teams/review-card.js';
import { progressCard, resultCard, rootCard } from '../../adapters/chat/teams/run-cards.js';
import { usersCard } from '../../adapters/chat/teams/users-card.js';
import { cardForView } from '../../adapters/chat/teams/view-card.js';
import { ERROR_CODES } from '../../src/domain/errors.js';
import {
  approvalStates,
  approvalView,
  duplicateRow,
  foundCompanies,
  HOSTILE,
  longLists,
  longRejectReason,
  mappedRow,
  otherViews,
  progressView,
  resultView,
  reviewRow,
  reviewView,
  sameDomainRow,
  twinRows,
  usersView,
  worstResultView,
  worstReviewView,
  worstSearch,
  worstUsersOverview,
  worstUsersView,
} from '../fixtures/sample-views.js';

const rows = [
  duplicateRow,
  sameDomainRow,
  mappedRow,
  reviewRow(1, { name: HOSTILE }),
  reviewRow(2, { active: false, statusName: 'Inactive' }),
  reviewRow(3),
];

/** A re-import: an ambiguous row, a new one, one left out last time, mapped rows kept (issue 15). */
const decisionsFirstRows = [
  reviewRow(11, {
    name: 'Wayne Enterprises Inc.',
    status: 'potential-duplicate',
    group: 'decide',
    decision: { kind: 'skip' },
    candidates: [
      {
        companyId: 'mc-w1',
        companyName: 'Wayne Enterprises',
        reason: 'same as "Wayne Enterprises" after removing "Inc."',
        strength: 'same',
      },
      {
        companyId: 'mc-w2',
        companyName: 'Wayne Enterprises, LLC',
        reason: 'same as "Wayne Enterprises, LLC" after removing "LLC"',
        strength: 'same',
      },
    ],
  }),
  reviewRow(12, { name: 'Zenith Labs' }),
  reviewRow(13, { name: 'Globex', group: 'left-out', leftOutLastTime: true, decision: { kind: 'skip' } }),
  ...[14, 15, 16, 17].map((id) => ({ ...mappedRow, psaCompanyId: id, name: `Client ${id}` })),
];

const audiences = ['base', 'approver', 'requester'] as const;

/** Every card the bot sends from the sample views, in every state, named for the artifacts. */
export function sampleCards(): [string, Card][] {
  const fields = [
    { key: 'site', label: 'Site', secret: false, optional: false, hint: 'na.myconnectwise.net' },
    { key: 'privateKey', label: 'Private key', secret: true, optional: false, hint: '' },
    { key: 'clientId', label: 'Client id', secret: false, optional: true, hint: 'optional' },
  ];
  return [
    ['review', reviewCard(reviewView(rows))],
    [
      'review-first-page',
      reviewCard({ ...reviewView(rows), paging: { ...reviewView(rows).paging, page: 0 } }),
    ],
    ['review-read-only', reviewCard(reviewView(rows, 'fetching-contacts'))],
    ['review-decisions-first', reviewCard(reviewView(decisionsFirstRows))],
    ['review-twins', reviewCard(reviewView([...twinRows, reviewRow(3)]))],
    ['review-worst-case', reviewCard(worstReviewView(REVIEW_PAGE_SIZE))],
    [
      'review-find-results',
      reviewCard(reviewView(rows), {
        search: { psaCompanyId: 7, query: 'northw', matches: foundCompanies },
        pending: { '3': 'skip' },
      }),
    ],
    [
      'review-find-no-match',
      reviewCard(reviewView(rows), { search: { psaCompanyId: 3, query: HOSTILE, matches: [] }, pending: {} }),
    ],
    [
      'review-find-worst-case',
      reviewCard(worstSearch(REVIEW_PAGE_SIZE).view, {
        search: worstSearch(REVIEW_PAGE_SIZE).search,
        pending: {},
      }),
    ],
    ['users-overview', usersCard(usersView(null))],
    ['users-overview-worst-case', usersCard(worstUsersOverview(USERS_PAGE_SIZE))],
    ['users-of-a-company', usersCard(usersView({ psaCompanyId: 7, name: HOSTILE }))],
    ['users-read-only', usersCard(usersView({ psaCompanyId: 7, name: 'Acme' }, 'pending-approval'))],
    ['users-worst-case', usersCard(worstUsersView(USERS_PAGE_SIZE))],
    ...approvalStates.flatMap((state) =>
      audiences.map((audience): [string, Card] => [
        `approval-${state}-${audience}`,
        approvalCard(approvalView(state), audience, ['aad-alice', 'aad-bob']),
      ]),
    ),
    [
      'approval-rejected-long-reason',
      approvalCard({ ...approvalView('rejected'), rejectReason: longRejectReason }, 'base', []),
    ],
    [
      'approval-short-of-licences',
      approvalCard({ ...approvalView(), licences: { needed: 12, free: 3, enough: false } }, 'approver', [
        'aad-alice',
      ]),
    ],
    ['approved-from-result', approvedCard(resultView)],
    ['result', resultCard(resultView)],
    ['result-worst-case', resultCard(worstResultView)],
    ['progress', progressCard(progressView, false)],
    ['progress-no-total', progressCard({ ...progressView, phase: 'contacts', total: null }, false)],
    ['progress-done', progressCard(progressView, true)],
    ['root', rootCard('connectwise', HOSTILE, 'Reading companies…')],
    ['import-dialog', importDialogCard()],
    [
      'import-dialog-with-problem',
      importDialogCard('autotask', errorCard('invalid_input', { hint: HOSTILE })),
    ],
    ['credentials-dialog', credentialsDialogCard('connectwise', fields)],
    [
      'credentials-dialog-with-problem',
      credentialsDialogCard('autotask', fields, errorCard('psa_auth_failed')),
    ],
    ...ERROR_CODES.map((code): [string, Card] => [
      `error-${code}`,
      errorCard(code, { retryAfterSeconds: 120, licencesFree: 3, licencesNeeded: 12, hint: 'applied' }),
    ]),
    ...[...otherViews, ...longLists].map((view, index): [string, Card] => [
      `${view.kind}-${index}`,
      cardForView(view),
    ]),
  ];
}
