import { describe, expect, it } from 'vitest';
import { BackgroundRunner } from '../../../../adapters/chat/shared/background-runner.js';
import { parseActivity } from '../../../../adapters/chat/teams/activity.js';
import { handleCardAction } from '../../../../adapters/chat/teams/card-action-handler.js';
import type { Card } from '../../../../adapters/chat/teams/card-kit.js';
import type { Connector } from '../../../../adapters/chat/teams/connector.js';
import { RefreshUsers } from '../../../../adapters/chat/teams/refresh-users.js';
import type { TeamsDeps } from '../../../../adapters/chat/teams/teams-deps.js';
import type { ImportBot } from '../../../../src/app/bot-api.js';
import type { Intent } from '../../../../src/app/intents.js';
import type { View } from '../../../../src/app/views.js';
import { foundCompanies, reviewRow, reviewView } from '../../../fixtures/sample-views.js';
import { ALICE, CAROL, cardAction } from '../../../support/teams-activities.js';
import { inputsOf, type Json, textOf } from '../../../support/teams-cards.js';
import { recordingLogger } from '../../../support/teams-harness.js';

const review = reviewView([reviewRow(1), reviewRow(2)]);

/** A core that answers from a table and records what it was asked. */
function fakeBot(answers: Partial<Record<Intent['kind'], View>>) {
  const asked: Intent[] = [];
  const bot: ImportBot = {
    async handle(_actor, intent) {
      asked.push(intent);
      return answers[intent.kind] ?? { kind: 'notice', tone: 'info', text: 'Nothing changed.' };
    },
    async claimOnce() {
      return true;
    },
  };
  return { bot, asked };
}

function depsWith(bot: ImportBot) {
  const updates: Card[] = [];
  const connector: Connector = {
    post: async () => 'posted',
    reply: async () => 'replied',
    update: async (_address, _id, card) => {
      updates.push(card);
    },
    memberId: async () => null,
  };
  const logger = recordingLogger([]);
  const deps: TeamsDeps = {
    bot,
    connector,
    refreshUsers: new RefreshUsers(connector),
    clock: { now: () => new Date('2025-01-01T00:00:00.000Z') },
    logger,
    background: new BackgroundRunner(logger, 'teams'),
    allowedTenants: null,
    progressIntervalMs: 1_000,
    answerDeadline: () => new Promise(() => {}),
    dedupeTtlMs: 60_000,
  };
  return { deps, updates };
}

function click(user = ALICE, data: Record<string, unknown> = {}) {
  const activity = parseActivity(
    cardAction(
      user,
      {
        verb: 'find-company',
        data: { runId: 'run-1', page: 1, company: 2, 'find-2': '  northw ', 'company-1': 'skip', ...data },
      },
      { serviceUrl: 'https://smba.trafficmanager.net/emea/', replyToId: 'card-1' },
    ),
  );
  if (activity === null) throw new Error('not an activity');
  return activity;
}

function cardOf(answer: unknown): Json {
  const body = answer as { type: string; value: Json };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

describe('the Find button of a Teams review row', () => {
  it('searches once and answers with the same page, matches added, unsaved choices kept', async () => {
    const { bot, asked } = fakeBot({
      review,
      'search-companies': { kind: 'company-options', options: foundCompanies },
    });
    const { deps, updates } = depsWith(bot);
    const card = cardOf(await handleCardAction(deps, click()));
    expect(asked).toEqual([
      { kind: 'review', runId: 'run-1', paging: { page: 1, pageSize: 8 } },
      { kind: 'search-companies', query: 'northw', limit: 10 },
    ]);
    const list = inputsOf(card).find((input) => input.id === 'company-2');
    expect(list?.choices.map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['map:mc-n1', 'map:mc-n2', 'map:mc-n3']),
    );
    expect(list?.value).toBe('create');
    expect(inputsOf(card).find((input) => input.id === 'company-1')?.value).toBe('skip');
    // Everyone sees the card the clicker sees.
    expect(updates).toEqual([card]);
  });

  it('does not search for an empty box, and says what to do', async () => {
    const { bot, asked } = fakeBot({ review });
    const card = cardOf(await handleCardAction(depsWith(bot).deps, click(ALICE, { 'find-2': '  ' })));
    expect(asked.map((intent) => intent.kind)).toEqual(['review']);
    expect(textOf(card)).toContain('Type part of a name, then Find.');
  });

  it('gives a non-admin the normal refusal and searches nothing', async () => {
    const refused: View = { kind: 'error', code: 'not_admin', details: {} };
    const { bot, asked } = fakeBot({ review: refused, 'show-run': refused });
    const { deps, updates } = depsWith(bot);
    const answer = await handleCardAction(deps, click(CAROL));
    const save = await handleCardAction(
      deps,
      parseActivity(
        cardAction(
          CAROL,
          { verb: 'review', data: { runId: 'run-1', page: 1 } },
          { serviceUrl: 'https://smba.trafficmanager.net/emea/', replyToId: 'card-1' },
        ),
      ) ?? click(),
    );
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer).toEqual(save);
    expect(asked.some((intent) => intent.kind === 'search-companies')).toBe(false);
    expect(updates).toEqual([]);
  });

  it('shows a run that moved on as it is now, with the reason, and searches nothing', async () => {
    const moved = reviewView([reviewRow(1), reviewRow(2)], 'pending-approval');
    const { bot, asked } = fakeBot({
      review: { kind: 'error', code: 'run_finished', details: {} },
      'show-run': moved,
    });
    const card = cardOf(await handleCardAction(depsWith(bot).deps, click()));
    expect(asked.map((intent) => intent.kind)).toEqual(['review', 'show-run']);
    expect(inputsOf(card)).toEqual([]);
  });

  it('refuses a search the core refuses', async () => {
    const { bot } = fakeBot({
      review,
      'search-companies': { kind: 'error', code: 'not_admin', details: {} },
    });
    const { deps, updates } = depsWith(bot);
    const answer = await handleCardAction(deps, click());
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(updates).toEqual([]);
  });
});
