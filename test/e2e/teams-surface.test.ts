import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/domain/secret.js';
import { assertValidAdaptiveCard } from '../support/adaptive-card-schema.js';
import {
  ALICE,
  BOB,
  CAROL,
  CHANNEL,
  fetchTask,
  MALLORY,
  message,
  postActivity,
  submitAction,
  TENANT,
  taskFetch,
} from '../support/teams-activities.js';
import { type SandboxApp, startSandboxApp } from '../support/teams-app.js';
import { buttonsOf, cardOfActivity, inputsOf, type Json, textOf } from '../support/teams-cards.js';
import { answerCard, answerMessage, TeamsDriver } from '../support/teams-driver.js';
import { APP_ID, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const teamsAlice = {
  platform: 'teams',
  workspaceId: TENANT,
  userId: ALICE.aadObjectId,
  displayName: 'Alice',
} as const;
const filters = {
  provider: 'connectwise',
  types: '',
  statuses: '',
  inactive: 'false',
  all: 'false',
  dialog: 'import',
};

describe('the Teams surface around the flow (real HTTP)', () => {
  let app: SandboxApp;
  let harness: TeamsHarness;
  let teams: TeamsDriver;
  /** Answers every invoke at once, as if the core were slower than Teams' 5 seconds. */
  let hurried: TeamsHarness;

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'teams', workspaceId: TENANT }, [
      { userId: ALICE.aadObjectId, displayName: 'Alice' },
      { userId: BOB.aadObjectId, displayName: 'Bob' },
    ]);
    harness = await startTeamsHarness({ bot: app.bot, clock: app.clock });
    hurried = await startTeamsHarness({
      bot: app.bot,
      clock: app.clock,
      answerDeadline: () => Promise.resolve(),
    });
    teams = new TeamsDriver(harness);
  });
  afterAll(async () => {
    await harness?.close();
    await hurried?.close();
    await app?.close();
  });

  it('answers text commands in the message’s thread, once per activity', async () => {
    const status = message(
      ALICE,
      'status',
      teams.options({ id: '1700000000500', conversationId: `${CHANNEL};messageid=1700000000500` }),
    );
    await teams.send(status);
    await teams.send(status);
    const replies = harness.connector.sent.filter(
      (sent) => sent.conversationId === `${CHANNEL};messageid=1700000000500`,
    );
    expect(replies).toHaveLength(1);
    expect(textOf(cardOfActivity(replies[0]?.body ?? {}) ?? {})).toContain('No PSA connected yet.');

    await teams.send(
      message(
        CAROL,
        'status',
        teams.options({ conversationType: 'personal', conversationId: 'a:carol-chat' }),
      ),
    );
    const refusal = harness.connector.sent.find((sent) => sent.conversationId === 'a:carol-chat');
    expect(textOf(cardOfActivity(refusal?.body ?? {}) ?? {})).toContain('Only admins of this workspace');
    expect(refusal?.replyToId).not.toBeNull();
  });

  it('offers credentials only through a dialog, opened from a button', async () => {
    await teams.send(
      message(
        ALICE,
        'connect connectwise',
        teams.options({ conversationType: 'personal', conversationId: 'a:alice-chat' }),
      ),
    );
    const offer = harness.connector.sent.find((sent) => sent.conversationId === 'a:alice-chat');
    const card = cardOfActivity(offer?.body ?? {}) ?? {};
    const open = buttonsOf(card)[0];
    expect(open).toMatchObject({
      type: 'Action.Submit',
      data: { msteams: { type: 'task/fetch' }, dialog: 'connect-form' },
    });
    const dialog =
      answerCard(
        (
          await teams.send(
            taskFetch(ALICE, open?.data ?? {}, teams.options({ conversationId: 'a:alice-chat' })),
          )
        ).body,
      ) ?? {};
    expect(inputsOf(dialog).filter((input) => input.element.style === 'password').length).toBeGreaterThan(0);
  });

  it('closes a slow connection test with a message and posts the result when it is done', async () => {
    const slow = new TeamsDriver(hurried);
    const values = Object.fromEntries(
      Object.entries(app.credentials).map(([key, value]) => [`credential.${key}`, value]),
    );
    const answer = await slow.send(
      submitAction(ALICE, { ...values, dialog: 'connect', provider: 'connectwise' }, slow.options()),
    );
    expect(answerMessage(answer.body)).toBe(
      'Testing the connection to ConnectWise Manage. The result will be posted here.',
    );
    await hurried.surface.idle();
    const posted = hurried.connector.sent.at(-1);
    expect(textOf(cardOfActivity(posted?.body ?? {}) ?? {})).toContain('Connected to ConnectWise Manage');
    expect(JSON.stringify(hurried.connector.sent)).not.toContain(app.credentials.privateKey);
  });

  it('answers a slow step with an interim card and updates the message when the step is done', async () => {
    await app.bot.handle(teamsAlice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret(app.credentials),
    });
    const slow = new TeamsDriver(hurried);
    await slow.send(submitAction(ALICE, filters, slow.options()));
    await hurried.surface.idle();
    const root =
      hurried.connector.sent.filter((sent) => sent.conversationId === CHANNEL).at(-1)?.activityId ?? '';
    const review = slow.thread(root).at(-1)?.id ?? '';
    const interim = answerCard((await slow.click(ALICE, review, 'Continue to users')).body) ?? {};
    expect(textOf(interim)).toContain('Reading contacts from the PSA');
    await hurried.surface.idle();
    expect(textOf(slow.cardOf(review))).toContain('Users of the selected companies');
    const progress = slow
      .thread(root)
      .find((reply) => textOf(slow.cardOf(reply.id)).includes('contacts from ConnectWise'));
    expect(progress).toBeDefined();
    for (const sent of hurried.connector.sent) {
      const card = cardOfActivity(sent.body);
      if (card !== null) assertValidAdaptiveCard(card);
    }
    // Mallory, from another organisation, cannot click on the run's cards.
    const before = slow.cardOf(review);
    const refused = await slow.click(MALLORY, review, 'Submit for approval');
    expect(answerMessage(refused.body)).toContain('only takes commands from members of the MSP');
    expect(slow.cardOf(review)).toEqual(before);
    const run = await app.db
      .selectFrom('import_runs')
      .select('status')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('reviewing-users');

    // Applying may outlast Teams too: the approver gets an interim card, everyone the outcome.
    await slow.click(ALICE, review, 'Submit for approval');
    const approval = slow.thread(root).at(-1)?.id ?? '';
    const bobView =
      answerCard((await slow.click(BOB, approval, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    const applying = answerCard((await slow.clickOn(BOB, approval, bobView, 'Approve')).body) ?? {};
    expect(textOf(applying)).toContain('Applying the import');
    await hurried.surface.idle();
    expect(textOf(slow.cardOf(approval))).toContain('✅ Approved by Bob');
    expect(textOf(slow.cardOf(slow.thread(root).at(-1)?.id ?? ''))).toMatch(
      /^✅ Import from ConnectWise Manage applied/,
    );
  });

  it('never calls a service URL that is not on the allow-list, even with a valid token for it', async () => {
    const elsewhere = harness.connector.serviceUrl.replace('127.0.0.1', 'localhost');
    const token = await harness.connector.signToken(APP_ID, { serviceUrl: elsewhere });
    const sentBefore = harness.connector.sent.length;
    const tokensBefore = harness.connector.tokenRequests.length;
    const answer = await postActivity(
      harness.botUrl,
      message(ALICE, 'status', { serviceUrl: elsewhere, id: 'f:elsewhere' }),
      token,
    );
    expect(answer.status).toBe(200);
    expect(harness.connector.sent.length).toBe(sentBefore);
    expect(harness.connector.tokenRequests.length).toBe(tokensBefore);
    expect(
      harness.logs.some(
        (line) =>
          line.message === 'teams activity failed' &&
          (line.fields.err as Error | undefined)?.name === 'ServiceUrlNotAllowedError',
      ),
    ).toBe(true);
  });
});

describe('the unauthenticated local mode', () => {
  let app: SandboxApp;
  let harness: TeamsHarness;

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'teams', workspaceId: TENANT }, [
      { userId: ALICE.aadObjectId, displayName: 'Alice' },
    ]);
    harness = await startTeamsHarness({ bot: app.bot, clock: app.clock, unauthenticated: true });
  });
  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  it('says loudly that tokens are not checked, and takes activities without one', async () => {
    const warning = harness.logs.find(
      (line) => line.level === 'warn' && line.message.includes('TOKEN VALIDATION IS OFF'),
    );
    expect(warning).toBeDefined();
    const answer = await postActivity(
      harness.botUrl,
      fetchTask(ALICE, { serviceUrl: harness.connector.serviceUrl }),
      null,
    );
    expect(answer.status).toBe(200);
    expect(inputsOf(answerCard(answer.body) as Json).map((input) => input.id)).toContain('provider');
  });
});
