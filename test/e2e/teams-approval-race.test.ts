import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/domain/secret.js';
import { assertValidAdaptiveCard } from '../support/adaptive-card-schema.js';
import { ALICE, BOB, CHANNEL, cardAction, submitAction, TENANT } from '../support/teams-activities.js';
import { directorySnapshot, type SandboxApp } from '../support/teams-app.js';
import { button, type Json, textOf } from '../support/teams-cards.js';
import { answerCard, answerMessage, type TeamsDriver } from '../support/teams-driver.js';
import type { TeamsHarness } from '../support/teams-harness.js';
import { startTeamsSandbox, type TeamsSandbox } from '../support/teams-sandbox.js';

const teamsAlice = {
  platform: 'teams',
  workspaceId: TENANT,
  userId: ALICE.aadObjectId,
  displayName: 'Alice',
} as const;

describe('approval clicks under repetition (real HTTP)', () => {
  let app: SandboxApp;
  let harness: TeamsHarness;
  let teams: TeamsDriver;
  let approvalId = '';
  let rootId = '';

  let sandbox: TeamsSandbox;

  beforeAll(async () => {
    sandbox = await startTeamsSandbox();
    ({ app, harness, teams } = sandbox);
    await app.bot.handle(teamsAlice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret(app.credentials),
    });
    const filters = {
      provider: 'connectwise',
      types: '',
      statuses: '',
      inactive: 'false',
      all: 'false',
      dialog: 'import',
    };
    await teams.send(submitAction(ALICE, filters, teams.options()));
    await harness.surface.idle();
    rootId = harness.connector.sent.find((sent) => sent.conversationId === CHANNEL)?.activityId ?? '';
    const reviewId = teams.thread(rootId).at(-1)?.id ?? '';
    await teams.click(ALICE, reviewId, 'Continue to users');
    await teams.click(ALICE, reviewId, 'Submit for approval');
    approvalId = teams.thread(rootId).at(-1)?.id ?? '';
  });
  afterAll(async () => sandbox?.close());

  it('applies the plan exactly once when the same approval arrives 50 times at once', async () => {
    const bobCard =
      answerCard((await teams.click(BOB, approvalId, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    const approve = button(bobCard, 'Approve');
    const before = await directorySnapshot(app);
    const activity = cardAction(
      BOB,
      { verb: approve.verb ?? '', data: approve.data },
      teams.options({
        id: 'f:approve-once',
        conversationId: teams.message(approvalId).conversationId,
        replyToId: approvalId,
      }),
    );
    const answers = await Promise.all(Array.from({ length: 50 }, () => teams.send(activity)));

    const cards = answers
      .map((answer) => answerCard(answer.body))
      .filter((card): card is Json => card !== null);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0] ?? {})).toContain('✅ Approved by Bob');
    expect(answers.map((answer) => answerMessage(answer.body)).filter((text) => text !== null)).toEqual(
      Array.from({ length: 49 }, () => 'Already received. The card is updated when it is done.'),
    );
    const applied = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'run.applied')
      .execute();
    expect(applied).toHaveLength(1);
    const results = teams
      .thread(rootId)
      .filter((message) => textOf(teams.cardOf(message.id)).startsWith('✅ Import from'));
    expect(results).toHaveLength(1);
    const after = await directorySnapshot(app);
    const created = textOf(teams.cardOf(results[0]?.id ?? '')).match(/Companies created: (\d+)/)?.[1];
    expect(after.companies.length - before.companies.length).toBe(Number(created));
    expect(Number(created)).toBeGreaterThan(0);
  });

  it('answers a late click, replayed or new, with the decided card and changes nothing', async () => {
    const snapshot = await directorySnapshot(app);
    const late = await teams.send(
      cardAction(
        BOB,
        {
          verb: 'approve',
          data: { runId: (await app.db.selectFrom('import_runs').select('id').executeTakeFirstOrThrow()).id },
        },
        teams.options({ conversationId: teams.message(approvalId).conversationId, replyToId: approvalId }),
      ),
    );
    const card = answerCard(late.body) ?? {};
    assertValidAdaptiveCard(card);
    expect(textOf(card)).toContain('✅ Approved by Bob');
    expect(await directorySnapshot(app)).toEqual(snapshot);
    const everyone = teams.cardOf(approvalId);
    expect(textOf(everyone)).toContain('✅ Approved by Bob');
    expect(everyone.actions).toBeUndefined();
  });
});
