import { describe, expect, it } from 'vitest';
import { approvalCard, audienceFor, refreshUserIds } from '../../../../adapters/chat/teams/approval-card.js';
import type { Card } from '../../../../adapters/chat/teams/card-kit.js';
import { CARD_BUDGET_BYTES, cardBytes } from '../../../../adapters/chat/teams/card-kit.js';
import { filterTextOf, importDialogCard } from '../../../../adapters/chat/teams/dialog-cards.js';
import { errorCard } from '../../../../adapters/chat/teams/message-cards.js';
import { REVIEW_PAGE_SIZE, USERS_PAGE_SIZE } from '../../../../adapters/chat/teams/paging.js';
import { reviewCard } from '../../../../adapters/chat/teams/review-card.js';
import { progressCard, rootCard } from '../../../../adapters/chat/teams/run-cards.js';
import { usersCard } from '../../../../adapters/chat/teams/users-card.js';
import { cardForView } from '../../../../adapters/chat/teams/view-card.js';
import {
  approvalView,
  duplicateRow,
  HOSTILE,
  mappedRow,
  otherViews,
  progressView,
  resultView,
  reviewRow,
  reviewView,
  sameDomainRow,
  twinRows,
  usersView,
  worstReviewView,
  worstUsersOverview,
  worstUsersView,
} from '../../../fixtures/sample-views.js';
import { adaptiveCardProblems, assertValidAdaptiveCard } from '../../../support/adaptive-card-schema.js';
import { buttonsOf, inputsOf, type Json, textOf } from '../../../support/teams-cards.js';

/** The raw hostile fragments must never survive into a card. */
function expectNoInjection(card: Card): void {
  const json = JSON.stringify(card);
  for (const fragment of [
    '[Pay here](',
    '**URGENT**',
    '<b>',
    '`c`',
    'https://evil',
    'www.evil.example',
    ':smile:',
  ]) {
    expect(json, fragment).not.toContain(JSON.stringify(fragment).slice(1, -1));
  }
}

/** The card as the Teams test helpers read it. */
function asJson(card: Card): Json {
  return JSON.parse(JSON.stringify(card)) as Json;
}

function actionsOf(card: Card): { type: string; title?: string; verb?: string; data?: unknown }[] {
  return (card.actions ?? []) as { type: string; title?: string; verb?: string; data?: unknown }[];
}

const rows = [
  duplicateRow,
  sameDomainRow,
  mappedRow,
  reviewRow(1, { name: HOSTILE }),
  reviewRow(2),
  reviewRow(3),
];

describe('Teams cards', () => {
  const every: [string, Card][] = [
    ['review', reviewCard(reviewView(rows))],
    ['review read-only', reviewCard(reviewView(rows, 'fetching-contacts'))],
    ['users overview', usersCard(usersView(null))],
    ['users of a company', usersCard(usersView({ psaCompanyId: 7, name: HOSTILE }))],
    ['approval base', approvalCard(approvalView(), 'base', ['aad-alice'])],
    ['approval approver', approvalCard(approvalView(), 'approver', ['aad-alice'])],
    ['approval requester', approvalCard(approvalView(), 'requester', ['aad-alice'])],
    ['approval approved', approvalCard(approvalView('approved'), 'approver', [])],
    ['approval rejected', approvalCard(approvalView('rejected'), 'base', [])],
    ['approval expired', approvalCard(approvalView('expired'), 'base', [])],
    ['result', cardForView(resultView)],
    ['progress', progressCard(progressView, false)],
    ['progress done', progressCard(progressView, true)],
    ['root', rootCard('connectwise', HOSTILE, 'Reading companies…')],
    ['import dialog', importDialogCard()],
    ...otherViews.map((view, index): [string, Card] => [`${view.kind} #${index}`, cardForView(view)]),
  ];

  it.each(every)('%s validates against Adaptive Cards 1.5 and the Teams rules', (_name, card) => {
    assertValidAdaptiveCard(card);
  });

  it.each(every)('%s escapes PSA text', (_name, card) => {
    expectNoInjection(card);
  });

  it('review rows carry their decision, candidates and PSA id, with only 1.5 properties', () => {
    const card = reviewCard(reviewView(rows));
    const json = JSON.stringify(card);
    expect(json).toContain('⚠️ Possible duplicate: same as \\"Acme, Inc.\\" after removing \\"Inc.\\"');
    expect(json).toContain('PSA id 7');
    expect(json).not.toContain('"color":"Warning"');
    const inputs = JSON.stringify(card.body);
    expect(inputs).toContain('"id":"company-7"');
    expect(inputs).toContain('"value":"map:mc-acme"');
    expect(inputs).not.toContain('choices.data');
    const save = buttonsOf(asJson(card)).find((action) => action.title === 'Save');
    expect(save?.data).toMatchObject({
      runId: 'run-1',
      page: 1,
      rows: { '7': 'map:mc-acme', '8': 'keep', '1': 'create' },
    });
    expect(buttonsOf(asJson(card)).map((action) => action.title)).toEqual([
      'Create all',
      'Map to matches',
      'Leave out all',
      'Reset',
      // One per row that can be mapped (the kept row has none).
      ...rows.filter((row) => row.status !== 'mapped').map(() => 'Find'),
      '◀ Previous',
      'Next ▶',
      'Save',
      'Continue to users',
      'Cancel import',
    ]);
  });

  it('a status already saying inactive is not repeated', () => {
    const json = JSON.stringify(
      reviewCard(reviewView([reviewRow(2, { active: false, statusName: 'Inactive' })])),
    );
    expect(json).toContain('Status: Inactive ·');
    expect(json).not.toContain('Inactive (inactive)');
    const onHold = JSON.stringify(
      reviewCard(reviewView([reviewRow(2, { active: false, statusName: 'On hold' })])),
    );
    expect(onHold).toContain('Status: On hold (inactive)');
  });

  it('caps the candidates of a row, says how many more, and offers the rest in a searchable list', () => {
    const candidates = Array.from({ length: 8 }, (_, n) => ({
      companyId: `mc-${n}`,
      companyName: `Acme ${n}`,
      reason: `same as "Acme ${n}"`,
      strength: 'same' as const,
    }));
    const card = reviewCard(reviewView([reviewRow(7, { status: 'potential-duplicate', candidates })]));
    const json = JSON.stringify(card);
    expect(json.split('Possible duplicate:').length - 1).toBe(3);
    expect(json).toContain('and 5 more possible duplicates; the list below has the closest 8 to search.');
    const list = inputsOf(asJson(card)).find((input) => input.id === 'company-7');
    expect(list?.element.style).toBe('filtered');
    expect(list?.choices.filter((choice) => choice.value.startsWith('map:'))).toHaveLength(8);
  });

  it('stays under the size limit for a full page of the longest rows, by lowering the detail', () => {
    for (const card of [
      reviewCard(worstReviewView(REVIEW_PAGE_SIZE)),
      usersCard(worstUsersView(USERS_PAGE_SIZE)),
      usersCard(worstUsersOverview(USERS_PAGE_SIZE)),
    ]) {
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
    // A normal page keeps the full detail.
    expect(JSON.stringify(reviewCard(reviewView(rows)))).toContain('Company 8');
  });

  it('quotes commands in our own words as bold, never in raw backticks', () => {
    const card = errorCard('run_not_found');
    expect(JSON.stringify(card)).toContain('Run **/psa status** to see the current import.');
    expect(JSON.stringify(card)).not.toContain('`');
  });

  it('a review that moved on has no inputs or buttons', () => {
    const card = reviewCard(reviewView(rows, 'fetching-contacts'));
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('Input.ChoiceSet');
  });

  it('users of a company show the red X reason and offer map to the same-email user', () => {
    const card = usersCard(usersView({ psaCompanyId: 7, name: 'Acme' }));
    const json = JSON.stringify(card);
    const types = inputsOf(asJson(card)).find((input) => input.id === 'contactType');
    expect(types?.choices.map((choice) => choice.value)).toEqual(['Primary', 'Billing, Invoices']);
    expect(types?.element.placeholder).toBe('All contact types');
    expect(types?.value).toBeUndefined();
    expect(json).toContain('❌ no email');
    expect(json).toContain('"value":"map:u-3"');
    expect(json).not.toContain('"id":"user-2"');
  });

  it('users show the seed licence message when licences are short', () => {
    const view = { ...usersView(null), licences: { needed: 12, free: 3, enough: false } };
    expect(JSON.stringify(usersCard(view))).toContain("You don't seem to have enough available licenses");
  });
});

describe('approval card views', () => {
  it('approvers get Approve and Reject; the requester waits; others see no buttons', () => {
    const view = approvalView();
    expect(audienceFor(view, 'aad-bob')).toBe('approver');
    expect(audienceFor(view, 'aad-alice')).toBe('requester');
    expect(audienceFor(view, 'aad-mallory')).toBe('base');
    const approver = approvalCard(view, 'approver', refreshUserIds(view));
    expect(actionsOf(approver).map((action) => [action.title, action.verb])).toEqual([
      ['Approve', 'approve'],
      ['Reject', 'reject'],
    ]);
    const requester = approvalCard(view, 'requester', refreshUserIds(view));
    expect(requester.actions).toBeUndefined();
    expect(JSON.stringify(requester)).toContain('Waiting for another admin to approve');
    expect(approvalCard(view, 'base', refreshUserIds(view)).actions).toBeUndefined();
  });

  it('a pending card refreshes for the requester and the approvers, at most 60', () => {
    const many = approvalView(
      'pending',
      Array.from({ length: 70 }, (_, i) => `aad-${i}`),
    );
    const ids = refreshUserIds(many);
    expect(ids).toHaveLength(60);
    expect(ids[0]).toBe('aad-alice');
    const card = approvalCard(many, 'base', ids);
    expect(card.refresh?.userIds).toHaveLength(60);
    expect(card.refresh?.action).toMatchObject({
      type: 'Action.Execute',
      verb: 'refresh',
      data: { runId: 'run-1' },
    });
    assertValidAdaptiveCard(card);
  });

  it('a decided card has neither buttons nor refresh, for anyone, and its heading says the state', () => {
    const headings = {
      approved: '✅ Approved by Bob',
      rejected: '❌ Rejected by Bob: \\[Pay here\\]',
      expired: '⌛ Expired',
      cancelled: 'Cancelled',
    };
    for (const [state, heading] of Object.entries(headings) as [keyof typeof headings, string][]) {
      const card = approvalCard(approvalView(state), 'approver', ['aad-alice']);
      expect(card.actions, state).toBeUndefined();
      expect(card.refresh, state).toBeUndefined();
      const first = card.body?.[0] as { text?: string } | undefined;
      expect(first?.text, state).toContain(heading);
      expect(JSON.stringify(card), state).not.toContain('Approval needed');
    }
  });

  it('tells the requester why they have no buttons', () => {
    const card = approvalCard(approvalView(), 'requester', ['aad-alice']);
    expect(textOf(asJson(card))).toContain(
      'You prepared this import, so another admin approves or rejects it.',
    );
  });
});

describe('the card validator itself', () => {
  const valid = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }] };

  it('accepts a plain card', () => {
    expect(adaptiveCardProblems(valid)).toEqual([]);
  });

  it('rejects unknown properties, newer versions, too many refresh users and a malformed typeahead', () => {
    expect(adaptiveCardProblems({ ...valid, isSortKey: false })).not.toEqual([]);
    expect(adaptiveCardProblems({ ...valid, version: '1.6' })).not.toEqual([]);
    expect(adaptiveCardProblems({ ...valid, version: undefined })).not.toEqual([]);
    const refresh = {
      action: { type: 'Action.Execute', verb: 'r' },
      userIds: Array.from({ length: 61 }, (_, i) => `u${i}`),
    };
    expect(adaptiveCardProblems({ ...valid, refresh })).not.toEqual([]);
    const typeahead = {
      type: 'Input.ChoiceSet',
      id: 'x',
      choices: [],
      style: 'filtered',
      'choices.data': { type: 'Data.Query' },
    };
    expect(adaptiveCardProblems({ ...valid, body: [typeahead] })).not.toEqual([]);
    expect(
      adaptiveCardProblems({
        ...valid,
        body: [{ ...typeahead, 'choices.data': { type: 'Data.Query', dataset: 'd' } }],
      }),
    ).toEqual([]);
  });
});

describe('import dialog filters', () => {
  it('become the words of /psa import', () => {
    expect(filterTextOf({ types: '', statuses: '', inactive: false, all: false })).toBe('');
    expect(
      filterTextOf({ types: 'Client, "Prospect"', statuses: 'Active', inactive: true, all: false }),
    ).toBe('inactive type="Client, Prospect" status="Active"');
    expect(filterTextOf({ types: 'Client', statuses: '', inactive: false, all: true })).toBe('all');
  });
});

describe('review card: PSA companies of the same name in one import', () => {
  it('names the other twin by PSA id on each row', () => {
    const json = JSON.stringify(reviewCard(reviewView([...twinRows])));
    expect(json).toContain('Same name as PSA company 12');
    expect(json).toContain('Same name as PSA company 11');
  });
});
