import { describe, expect, it } from 'vitest';
import { renderReview } from '../../../../adapters/chat/slack/render/review-message.js';
import { renderSimpleView } from '../../../../adapters/chat/slack/render/simple-views.js';
import { renderUsersOverview } from '../../../../adapters/chat/slack/render/users-message.js';
import { reviewCard } from '../../../../adapters/chat/teams/review-card.js';
import { usersCard } from '../../../../adapters/chat/teams/users-card.js';
import { cardForView } from '../../../../adapters/chat/teams/view-card.js';
import { renderView } from '../../../../adapters/chat/terminal/render-view.js';
import type { RunSummary, UsersView, View } from '../../../../src/app/views.js';
import { reviewRow, reviewView, usersView } from '../../../fixtures/sample-views.js';

/** Each surface's review as the text a person reads (markup left in: the facts carry none). */
const surfaces: Record<string, (view: ReturnType<typeof reviewView>) => string> = {
  slack: (view) => JSON.stringify(renderReview(view).blocks),
  teams: (view) => JSON.stringify(reviewCard(view)),
  terminal: (view) => renderView(view),
};

const CASES: readonly (readonly [string, Parameters<typeof reviewRow>[1], string])[] = [
  ['an inactive PSA status word', { statusName: 'On hold', active: false }, 'Status: On hold (inactive)'],
  ['a status word that says inactive', { statusName: 'Inactive', active: false }, 'Status: Inactive ·'],
  ['no status word, inactive', { statusName: null, active: false }, '· Inactive ·'],
  ['no type', { typeNames: [] }, 'PSA id 7 · no type · Status: Active'],
  ['a last import', { lastImportedAt: '2026-11-02T08:30:00.000Z' }, 'Last import: 2026-11-02 08:30 UTC'],
];

describe('the facts under a review row read the same on every surface', () => {
  for (const [surface, render] of Object.entries(surfaces)) {
    for (const [name, overrides, expected] of CASES) {
      it(`${surface}: ${name}`, () => {
        const shown = render(reviewView([reviewRow(7, overrides)]));
        expect(shown).toContain(expected);
        expect(shown).not.toContain('Inactive (inactive)');
      });
    }
  }
});

const run = (overrides: Partial<RunSummary>): RunSummary => ({
  runId: 'r1',
  provider: 'connectwise',
  status: 'applied',
  number: 1,
  version: 5,
  requesterName: 'Alice',
  approverName: null,
  decidedBy: null,
  rejectReason: null,
  actions: [],
  createdAt: '2026-11-02T08:30:00.000Z',
  result: null,
  failureCode: null,
  ...overrides,
});

const historySurfaces: Record<string, (view: View) => string> = {
  slack: (view) => JSON.stringify(renderSimpleView(view)?.blocks),
  teams: (view) => JSON.stringify(cardForView(view)),
  terminal: (view) => renderView(view),
};

const RUNS: readonly (readonly [string, RunSummary, readonly string[], readonly string[]])[] = [
  [
    'a rejection names the rejecter and the reason, never an approver',
    run({ status: 'rejected', decidedBy: 'Bob', rejectReason: 'wrong filter' }),
    ['by Alice · rejected by Bob · reason: wrong filter'],
    ['approved by'],
  ],
  [
    'an applied import names its approver and what it did',
    run({
      approverName: 'Bob',
      decidedBy: 'Bob',
      result: {
        companiesCreated: 3,
        companiesMapped: 0,
        companiesUnmapped: 0,
        companiesKept: 0,
        usersImported: 1,
        usersMapped: 0,
        usersKept: 0,
        errors: [],
      },
    }),
    ['by Alice · approved by Bob · 3 companies created, 1 user imported'],
    ['rejected by'],
  ],
];

describe('a run in the history reads the same on every surface', () => {
  for (const [surface, render] of Object.entries(historySurfaces)) {
    for (const [name, summary, present, absent] of RUNS) {
      it(`${surface}: ${name}`, () => {
        const shown = render({ kind: 'history', runs: [summary] });
        for (const text of present) expect(shown).toContain(text);
        for (const text of absent) expect(shown).not.toContain(text);
      });
    }
  }
});

describe('a notice with a subject reads the same on every surface', () => {
  const notice: View = {
    kind: 'notice',
    tone: 'info',
    text: 'Not added: a managed company with the same name already exists',
    subject: 'ACME Inc',
  };
  for (const [surface, render] of Object.entries(historySurfaces)) {
    it(`${surface}: the text, one colon, the subject`, () => {
      const shown = render(notice);
      expect(shown).toMatch(/already exists: (\*\*|\*)?ACME Inc/);
      expect(shown).not.toContain('::');
    });
  }
});

describe('a company of the users overview reads the same on every surface', () => {
  const usersSurfaces: Record<string, (view: UsersView) => string> = {
    slack: (view) => JSON.stringify(renderUsersOverview(view).blocks),
    teams: (view) => JSON.stringify(usersCard(view)),
    terminal: (view) => renderView(view),
  };
  for (const [surface, render] of Object.entries(usersSurfaces)) {
    it(`${surface}: its PSA id, who gets access and who is not eligible`, () => {
      const shown = render(usersView(null));
      expect(shown).toContain('PSA id 7 · 2 of 3 eligible get access · 1 not eligible');
      // Nobody not eligible: nothing said about it.
      expect(shown).toMatch(/PSA id 9 · 1 of 1 eligible get access[^·]/);
    });
  }
});
