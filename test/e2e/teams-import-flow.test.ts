import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserBulkAction } from '../../src/app/intents.js';
import type { View } from '../../src/app/views.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import type { CompanyDecision } from '../../src/domain/decisions.js';
import { Secret } from '../../src/domain/secret.js';
import { assertValidAdaptiveCard } from '../support/adaptive-card-schema.js';
import { versionOf } from '../support/core-harness.js';
import {
  ALICE,
  BOB,
  CAROL,
  CHANNEL,
  cardAction,
  fetchTask,
  MALLORY,
  submitAction,
} from '../support/teams-activities.js';
import { directorySnapshot, type SandboxApp, startSandboxApp } from '../support/teams-app.js';
import { buttonsOf, inputsOf, type Json, sentCards, textOf } from '../support/teams-cards.js';
import { answerCard, answerMessage, type TeamsDriver } from '../support/teams-driver.js';
import type { TeamsHarness } from '../support/teams-harness.js';
import { startTeamsSandbox, TEAMS_WORKSPACE, type TeamsSandbox } from '../support/teams-sandbox.js';

/**
 * The acceptance of the core issue, through Teams: connect the sandbox ConnectWise in a dialog,
 * import from the message extension, map a duplicate, find a company for another row, leave a company out,
 * grant users, submit as Alice, fail to approve as Alice, approve as Bob, read the result; import
 * again and see everything mapped and nothing new created. The database must end as the same
 * flow leaves it from the terminal chat.
 */

interface ReviewRow {
  readonly psaId: number;
  readonly text: string;
  readonly candidates: number;
}

function reviewRows(card: Json): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const element of (card.body ?? []) as Json[]) {
    if (element.type !== 'Container') continue;
    const container = { type: 'AdaptiveCard', body: element.items } as Json;
    const choice = inputsOf(container).find((input) => input.id.startsWith('company-'));
    if (choice === undefined) continue;
    const text = textOf(container);
    rows.push({
      psaId: Number(choice.id.slice('company-'.length)),
      text,
      candidates: text.split('Possible duplicate:').length - 1,
    });
  }
  return rows;
}

const EXTRA_COMPANY = 'Northwind Traders';

const filters = { provider: 'connectwise', types: '', statuses: '', inactive: 'false', all: 'false' };

describe('the import flow through Teams (real HTTP, fake Bot Connector, sandbox ConnectWise)', () => {
  let app: SandboxApp;
  let harness: TeamsHarness;
  let teams: TeamsDriver;
  let rootId = '';
  let reviewId = '';
  let approvalId = '';
  let duplicate: { psaId: number; companyId: string; companyName: string };
  let leftOut = 0;
  /** An unmapped company the admin maps, found with the row's Find, to a company of their own. */
  let searched = 0;
  let userCompany = 0;
  let grantedContact = 0;

  let sandbox: TeamsSandbox;

  beforeAll(async () => {
    sandbox = await startTeamsSandbox();
    ({ app, harness, teams } = sandbox);
    harness.connector.addMember(ALICE.aadObjectId, 'Alice');
    harness.connector.addMember(BOB.aadObjectId, 'Bob');
    await app.maintenance.addCompanies(TEAMS_WORKSPACE, [EXTRA_COMPANY]);
  });
  afterAll(async () => sandbox?.close());

  it('refuses the dialog to a non-admin and to a user of another organisation', async () => {
    const carol = answerCard((await teams.send(fetchTask(CAROL, teams.options()))).body);
    expect(textOf(carol ?? {})).toContain('Only admins of this workspace can use the PSA import bot');
    const mallory = answerCard((await teams.send(fetchTask(MALLORY, teams.options()))).body);
    expect(textOf(mallory ?? {})).toContain('only takes commands from members of the MSP');
    expect(harness.connector.sent).toHaveLength(0);
  });

  it('connects the sandbox ConnectWise through the credentials dialog', async () => {
    const dialog = answerCard((await teams.send(fetchTask(ALICE, teams.options()))).body);
    expect(inputsOf(dialog ?? {}).map((input) => input.id)).toEqual([
      'provider',
      'types',
      'statuses',
      'inactive',
      'all',
    ]);
    const form = answerCard(
      (
        await teams.send(
          submitAction(ALICE, { dialog: 'connect-form', provider: 'connectwise' }, teams.options()),
        )
      ).body,
    );
    const fields = inputsOf(form ?? {});
    expect(fields.find((field) => field.id === 'credential.privateKey')?.element.style).toBe('password');
    const values = Object.fromEntries(
      Object.entries(app.credentials).map(([key, value]) => [`credential.${key}`, value]),
    );
    const connected = await teams.send(
      submitAction(ALICE, { ...values, dialog: 'connect', provider: 'connectwise' }, teams.options()),
    );
    expect(answerMessage(connected.body)).toBe(
      'Connected to ConnectWise Manage. The connection test passed.',
    );
    // Credentials never travel back to Teams.
    expect(JSON.stringify(harness.connector.sent)).not.toContain(app.credentials.privateKey);
  });

  it('starts exactly one import from the message extension, even when Teams retries the submit', async () => {
    const submit = submitAction(
      ALICE,
      { ...filters, dialog: 'import' },
      teams.options({ id: 'f:import-submit' }),
    );
    const first = await teams.send(submit);
    expect(answerMessage(first.body)).toMatch(/^Import from ConnectWise Manage started/);
    const retried = await teams.send(submit);
    const retriedWithNewId = await teams.send({ ...submit, id: 'f:import-submit-retry' });
    expect(answerMessage(retried.body)).toContain('already started');
    expect(answerMessage(retriedWithNewId.body)).toContain('already started');
    await harness.surface.idle();

    const roots = harness.connector.sent.filter(
      (sent) => sent.method === 'POST' && sent.conversationId === CHANNEL,
    );
    expect(roots).toHaveLength(1);
    rootId = roots[0]?.activityId ?? '';
    const runs = await app.db.selectFrom('import_runs').select(['id', 'thread']).execute();
    expect(runs).toHaveLength(1);
    expect(JSON.parse(JSON.parse(runs[0]?.thread ?? '{}').data ?? '{}')).toMatchObject({
      conversationId: CHANNEL,
      rootActivityId: rootId,
      serviceUrl: harness.connector.serviceUrl,
    });
    expect(textOf(teams.cardOf(rootId))).toContain('Review the companies in this thread');
    const replies = teams.thread(rootId);
    expect(textOf(teams.cardOf(replies[0]?.id ?? ''))).toMatch(/^Read \d+ companies from ConnectWise Manage/);
    reviewId = replies[1]?.id ?? '';
    expect(replies[1]?.conversationId).toBe(`${CHANNEL};messageid=${rootId}`);
  });

  it('lists unmapped companies first, with each potential duplicate and its reason', async () => {
    const first = reviewRows(teams.cardOf(reviewId));
    expect(first.length).toBeGreaterThan(0);
    expect(first[0]?.text).toContain('Unmapped');
    // Page through until a duplicate with one candidate shows; Next carries the page's choices.
    let card = teams.cardOf(reviewId);
    for (let page = 0; page < 60; page++) {
      const found = reviewRows(card).find((row) => row.candidates === 1);
      if (found !== undefined) {
        expect(found.text).toMatch(/Possible duplicate: same .+/);
        expect(found.text).toContain('→ Map to');
        const choice = inputsOf(card).find((input) => input.id === `company-${found.psaId}`);
        const mapChoice = choice?.choices.find((option) => option.value.startsWith('map:'));
        duplicate = {
          psaId: found.psaId,
          companyId: mapChoice?.value.slice(4) ?? '',
          companyName: mapChoice?.title.replace(/^Map to /, '') ?? '',
        };
        const plainRows = reviewRows(card).filter(
          (row) => row.candidates === 0 && row.text.includes('Unmapped ·'),
        );
        leftOut = plainRows[0]?.psaId ?? 0;
        searched = plainRows[1]?.psaId ?? 0;
        break;
      }
      await teams.click(ALICE, reviewId, 'Next ▶');
      card = teams.cardOf(reviewId);
    }
    expect(duplicate?.companyId).not.toBe('');
    expect(leftOut).toBeGreaterThan(0);
    expect(searched).toBeGreaterThan(0);
  });

  it('maps a company found with Find, keeps the duplicate mapped and leaves a company out', async () => {
    const findOn = (candidate: { verb?: string; data: Json }) =>
      candidate.verb === 'find-company' && candidate.data.company === searched;
    const box = { [`find-${searched}`]: 'northw' };
    const strangers = await teams.click(MALLORY, reviewId, findOn, box);
    expect(answerMessage(strangers.body)).not.toBeNull();

    // Find keeps the choice made on another row without saving it, and adds the matches.
    const found = await teams.click(ALICE, reviewId, findOn, { ...box, [`company-${leftOut}`]: 'skip' });
    const shown = answerCard(found.body) ?? {};
    const list = inputsOf(shown).find((input) => input.id === `company-${searched}`);
    const northwind = list?.choices.find((choice) => choice.title === `Map to ${EXTRA_COMPANY}`);
    expect(northwind).toBeDefined();
    expect(list?.value).not.toBe(northwind?.value);
    expect(inputsOf(shown).find((input) => input.id === `company-${leftOut}`)?.value).toBe('skip');
    expect(teams.cardOf(reviewId)).toEqual(shown);

    const saved = await teams.click(ALICE, reviewId, 'Save', {
      [`company-${searched}`]: northwind?.value ?? '',
    });
    const card = answerCard(saved.body) ?? {};
    const rows = reviewRows(card);
    expect(rows.find((row) => row.psaId === duplicate.psaId)?.text).toContain(
      `→ Map to ${duplicate.companyName}`,
    );
    expect(rows.find((row) => row.psaId === searched)?.text).toContain(`→ Map to ${EXTRA_COMPANY}`);
    expect(rows.find((row) => row.psaId === leftOut)?.text).toContain('→ Leave out');
    // Everyone sees the same card: the message itself was updated.
    expect(teams.cardOf(reviewId)).toEqual(card);
  });

  it('continues to users, shows the licence message when granting too many, then grants some', async () => {
    const overview = answerCard((await teams.click(ALICE, reviewId, 'Continue to users')).body) ?? {};
    expect(textOf(overview)).toContain('Users of the selected companies');
    const grantAll =
      buttonsOf(overview).find((candidate) => candidate.title.startsWith('Grant all'))?.title ?? '';
    const tooMany = answerCard((await teams.click(ALICE, reviewId, grantAll)).body) ?? {};
    expect(textOf(tooMany)).toContain("You don't seem to have enough available licenses");
    const refused = answerCard((await teams.click(ALICE, reviewId, 'Submit for approval')).body) ?? {};
    expect(textOf(refused)).toContain("You don't seem to have enough available licenses");
    const none = buttonsOf(refused).find((candidate) => candidate.title.startsWith('Leave'))?.title ?? '';
    await teams.click(ALICE, reviewId, none);

    // The first company with a contact that may be granted.
    let page: Json = {};
    for (const users of buttonsOf(teams.cardOf(reviewId)).filter(
      (candidate) => candidate.title === 'Users',
    )) {
      page =
        answerCard(
          (await teams.click(ALICE, reviewId, (candidate) => candidate.data.company === users.data.company))
            .body,
        ) ?? {};
      const choice = inputsOf(page).find(
        (input) => input.id.startsWith('user-') && input.choices.some((c) => c.value === 'grant'),
      );
      if (choice !== undefined) {
        userCompany = Number(users.data.company);
        grantedContact = Number(choice.id.slice('user-'.length));
        break;
      }
      await teams.click(ALICE, reviewId, 'All companies');
    }
    expect(grantedContact).toBeGreaterThan(0);
    const saved =
      answerCard(
        (await teams.click(ALICE, reviewId, 'Save', { [`user-${grantedContact}`]: 'grant' })).body,
      ) ?? {};
    expect(inputsOf(saved).find((input) => input.id === `user-${grantedContact}`)?.value).toBe('grant');
    const grantCompany =
      buttonsOf(saved).find((candidate) => candidate.title.startsWith('Grant all'))?.title ?? '';
    const granted = answerCard((await teams.click(ALICE, reviewId, grantCompany)).body) ?? {};
    expect(textOf(granted)).toMatch(/Grant \(new users\): [1-9]/);
    await teams.click(ALICE, reviewId, 'All companies');
  });

  it('submits as Alice and posts the approval card with per-user refresh', async () => {
    const submitted = await teams.click(ALICE, reviewId, 'Submit for approval');
    expect(textOf(answerCard(submitted.body) ?? {})).toContain('Submitted for approval by Alice');
    const approval = teams.thread(rootId).at(-1);
    approvalId = approval?.id ?? '';
    const card = teams.cardOf(approvalId);
    expect(textOf(card)).toContain('Approval needed');
    expect(buttonsOf(card).filter((b) => b.verb === 'approve')).toHaveLength(0);
    expect(card.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'refresh' },
      userIds: [`29:member-${ALICE.aadObjectId}`, `29:member-${BOB.aadObjectId}`],
    });
  });

  it('refreshes into each viewer’s own card: waiting for Alice, buttons for Bob, nothing for others', async () => {
    const alice =
      answerCard((await teams.click(ALICE, approvalId, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    expect(textOf(alice)).toContain('Waiting for another admin to approve');
    expect(buttonsOf(alice).filter((b) => b.verb === 'approve')).toHaveLength(0);
    const bob =
      answerCard((await teams.click(BOB, approvalId, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    expect(buttonsOf(bob).map((b) => b.title)).toEqual(['Refresh', 'Approve', 'Reject']);
    const bobManual =
      answerCard((await teams.click(BOB, approvalId, 'Refresh', {}, { trigger: 'manual' })).body) ?? {};
    expect(buttonsOf(bobManual).map((b) => b.title)).toContain('Approve');
    const carol = await teams.click(CAROL, approvalId, 'Refresh', {}, { trigger: 'manual' });
    expect(answerMessage(carol.body)).toContain('Only admins of this workspace');
  });

  it('refuses Alice’s own approval at the click, even with a forged button', async () => {
    const { id: runId } = await app.db.selectFrom('import_runs').select('id').executeTakeFirstOrThrow();
    const forged = await teams.send(
      cardAction(
        ALICE,
        { verb: 'approve', data: { runId } },
        teams.options({ conversationId: teams.message(approvalId).conversationId, replyToId: approvalId }),
      ),
    );
    expect(answerMessage(forged.body)).toBe(
      'You cannot approve an import you prepared. Ask another admin to approve it.',
    );
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('pending-approval');
  });

  it('applies when Bob approves, updates the card for everyone and posts the result', async () => {
    const bobCard =
      answerCard((await teams.click(BOB, approvalId, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    const approved = answerCard((await teams.clickOn(BOB, approvalId, bobCard, 'Approve')).body) ?? {};
    expect(textOf(approved)).toContain('✅ Approved by Bob');
    const everyone = teams.cardOf(approvalId);
    expect(textOf(everyone)).toContain('✅ Approved by Bob');
    expect(buttonsOf(everyone)).toHaveLength(0);
    expect(everyone.refresh).toBeUndefined();
    const result = teams.cardOf(teams.thread(rootId).at(-1)?.id ?? '');
    expect(textOf(result)).toMatch(/Companies created: [1-9]\d*/);
    expect(textOf(result)).toMatch(/Companies mapped: [1-9]/);
    expect(textOf(result)).toMatch(/Users imported: [1-9]\d*/);
  });

  it('imports again: everything is mapped, users pre-selected, nothing new is created', async () => {
    app.clock.advance(5 * 60_000);
    const before = await directorySnapshot(app);
    const started = await teams.send(submitAction(ALICE, { ...filters, dialog: 'import' }, teams.options()));
    expect(answerMessage(started.body)).toMatch(/^Import from ConnectWise Manage started/);
    await harness.surface.idle();
    const roots = harness.connector.sent.filter(
      (sent) => sent.method === 'POST' && sent.conversationId === CHANNEL,
    );
    const root = roots.at(-1)?.activityId ?? '';
    const review = teams.thread(root).at(-1)?.id ?? '';
    const card = teams.cardOf(review);
    expect(textOf(card)).toContain('Unmapped: 1');
    expect(textOf(card)).toContain('Potential duplicates: 0');
    const rows = reviewRows(card);
    expect(rows[0]?.psaId).toBe(leftOut);
    // Mapped rows kept as they are take one line each (issue 15).
    expect(rows.slice(1).every((row) => / · kept( →|$)/m.test(row.text))).toBe(true);
    // The company left out last time is new again; leave it out again.
    const users =
      answerCard(
        (await teams.click(ALICE, review, 'Continue to users', { [`company-${leftOut}`]: 'skip' })).body,
      ) ?? {};
    expect(textOf(users)).toMatch(/Keep \(imported before\): [1-9]/);
    expect(textOf(users)).toContain('Grant (new users): 0');
    await teams.click(ALICE, review, 'Submit for approval');
    const approval = teams.thread(root).at(-1)?.id ?? '';
    const bobCard =
      answerCard((await teams.click(BOB, approval, 'Refresh', {}, { trigger: 'automatic' })).body) ?? {};
    await teams.clickOn(BOB, approval, bobCard, 'Approve');
    const result = teams.cardOf(teams.thread(root).at(-1)?.id ?? '');
    expect(textOf(result)).toContain('Companies created: 0');
    expect(textOf(result)).toContain('Users imported: 0');
    expect(await directorySnapshot(app)).toEqual(before);
  });

  it('sent only valid Teams Adaptive Cards, and answered only with valid ones', () => {
    const cards = [...sentCards(harness.connector.sent), ...teams.answeredCards];
    expect(cards.length).toBeGreaterThan(20);
    for (const [index, card] of cards.entries()) assertValidAdaptiveCard(card, `card #${index}`);
    expect(harness.connector.refused).toBe(0);
  });

  it('leaves the database as the same flow does from the terminal chat', async () => {
    const terminal = await startSandboxApp({ platform: 'terminal', workspaceId: 'local' }, [
      { userId: 'alice', displayName: 'Alice' },
      { userId: 'bob', displayName: 'Bob' },
    ]);
    try {
      await terminal.maintenance.addCompanies({ platform: 'terminal', workspaceId: 'local' }, [
        EXTRA_COMPANY,
      ]);
      const alice: Actor = {
        platform: 'terminal',
        workspaceId: 'local',
        userId: 'alice',
        displayName: 'Alice',
      };
      const bob: Actor = { ...alice, userId: 'bob', displayName: 'Bob' };
      const ok = (view: View): View => {
        if (view.kind === 'error') throw new Error(`terminal flow refused: ${view.code}`);
        return view;
      };
      const paging = { page: 0, pageSize: 20 };
      ok(
        await terminal.bot.handle(alice, {
          kind: 'connect',
          provider: 'connectwise',
          credentials: new Secret(terminal.credentials),
        }),
      );
      for (const round of [1, 2]) {
        const review = ok(
          await terminal.bot.handle(alice, {
            kind: 'import',
            provider: 'connectwise',
            filterText: '',
            pageSize: 20,
          }),
        );
        const runId = review.kind === 'review' ? review.run.runId : '';
        ok(
          await terminal.bot.handle(alice, {
            kind: 'decide-companies',
            runId,
            decisions: [{ psaCompanyId: leftOut, decision: { kind: 'skip' } }],
            paging,
          }),
        );
        if (round === 1) {
          const found = ok(
            await terminal.bot.handle(alice, { kind: 'search-companies', query: 'northw', limit: 5 }),
          );
          const target =
            found.kind === 'company-options'
              ? found.options.find((o) => o.name === EXTRA_COMPANY)
              : undefined;
          const decide = (psaCompanyId: number, decision: CompanyDecision) =>
            terminal.bot.handle(alice, {
              kind: 'decide-companies',
              runId,
              decisions: [{ psaCompanyId, decision }],
              paging,
            });
          ok(await decide(searched, { kind: 'map', companyId: target?.id ?? '' }));
        }
        ok(await terminal.bot.handle(alice, { kind: 'continue-to-users', runId, paging }));
        if (round === 1) {
          const bulk = (psaCompanyId: number | null, action: UserBulkAction) =>
            terminal.bot.handle(alice, {
              kind: 'bulk-users',
              runId,
              psaCompanyId,
              action,
              contactType: null,
              paging,
            });
          ok(await bulk(null, 'grant-all-eligible'));
          ok(await bulk(null, 'skip-all'));
          ok(
            await terminal.bot.handle(alice, {
              kind: 'decide-users',
              runId,
              decisions: [{ psaContactId: grantedContact, decision: { kind: 'grant' } }],
              paging,
            }),
          );
          ok(await bulk(userCompany, 'grant-all-eligible'));
        }
        ok(await terminal.bot.handle(alice, { kind: 'submit', runId }));
        expect(
          (
            await terminal.bot.handle(alice, {
              kind: 'approve',
              runId,
              version: await versionOf(terminal.bot, alice, runId),
            })
          ).kind,
        ).toBe('error');
        ok(
          await terminal.bot.handle(bob, {
            kind: 'approve',
            runId,
            version: await versionOf(terminal.bot, bob, runId),
          }),
        );
        terminal.clock.advance(5 * 60_000);
      }
      expect(await directorySnapshot(app)).toEqual(await directorySnapshot(terminal));
    } finally {
      await terminal.close();
    }
  });
});
