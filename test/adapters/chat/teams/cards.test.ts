import { describe, expect, it } from 'vitest';
import { approvalCard, audienceFor, refreshUserIds } from '../../../../adapters/chat/teams/approval-card.js';
import type { Card } from '../../../../adapters/chat/teams/card-kit.js';
import { filterTextOf, importDialogCard } from '../../../../adapters/chat/teams/dialog-cards.js';
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
  usersView,
} from '../../../fixtures/sample-views.js';
import { adaptiveCardProblems, assertValidAdaptiveCard } from '../../../support/adaptive-card-schema.js';

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

function actionsOf(card: Card): { type: string; title?: string; verb?: string; data?: unknown }[] {
  return (card.actions ?? []) as { type: string; title?: string; verb?: string; data?: unknown }[];
}

const rows = [duplicateRow, mappedRow, reviewRow(1, { name: HOSTILE }), reviewRow(2), reviewRow(3)];

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

  it('review rows carry their decision, candidates and a typeahead bound to the company search', () => {
    const card = reviewCard(reviewView(rows));
    const json = JSON.stringify(card);
    expect(json).toContain('Possible duplicate: same as \\"Acme, Inc.\\" after removing \\"Inc.\\"');
    const inputs = JSON.stringify(card.body);
    expect(inputs).toContain('"id":"company-7"');
    expect(inputs).toContain('"value":"map:mc-acme"');
    expect(inputs).toContain('"choices.data":{"type":"Data.Query","dataset":"managed-companies"}');
    const save = actionsOf(card).find((action) => action.title === 'Save');
    expect(save?.data).toMatchObject({
      runId: 'run-1',
      page: 1,
      rows: { '7': 'map:mc-acme', '8': 'keep', '1': 'create' },
    });
    expect(actionsOf(card).map((action) => action.title)).toEqual([
      '◀ Previous',
      'Next ▶',
      'Save',
      'Continue to users',
      'Cancel import',
    ]);
  });

  it('a review that moved on has no inputs or buttons', () => {
    const card = reviewCard(reviewView(rows, 'fetching-contacts'));
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).not.toContain('Input.ChoiceSet');
  });

  it('users of a company show the red X reason and offer map to the same-email user', () => {
    const json = JSON.stringify(usersCard(usersView({ psaCompanyId: 7, name: 'Acme' })));
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

  it('a decided card has neither buttons nor refresh, for anyone', () => {
    for (const state of ['approved', 'rejected', 'expired', 'cancelled'] as const) {
      const card = approvalCard(approvalView(state), 'approver', ['aad-alice']);
      expect(card.actions, state).toBeUndefined();
      expect(card.refresh, state).toBeUndefined();
    }
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
