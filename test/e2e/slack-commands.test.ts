import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  blockText,
  CAROL,
  findControl,
  type Json,
  MSP_TEAM,
  mrkdwnTexts,
  type SlackHarness,
  type SlackUser,
  startSlackHarness,
} from '../fakes/slack-api.js';
import { type SandboxApp, startSandboxApp } from '../support/teams-app.js';

/** The other `/psa` commands over real HTTP, each answered privately, and Web API rate limits. */

const DAVE: SlackUser = { ...CAROL, id: 'U0DAVE', name: 'dave' };

describe('/psa commands through Slack', () => {
  let app: SandboxApp;
  let harness: SlackHarness;

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'slack', workspaceId: MSP_TEAM }, [
      { userId: ALICE.id, displayName: 'Alice' },
      { userId: BOB.id, displayName: 'Bob' },
    ]);
    harness = await startSlackHarness({ bot: app.bot, clock: app.clock });
  });
  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  function ephemeralTexts(): string {
    return JSON.stringify(harness.fake.responses.map((response) => response.body));
  }

  /** Sends a command and returns what the admin read privately (the response_url reply). */
  async function ask(user: SlackUser, text: string): Promise<string> {
    const before = harness.fake.responses.length;
    const response = await harness.sender.command(user, text);
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    await harness.surface.idle();
    const replies = harness.fake.responses.slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    return mrkdwnTexts(replies[0]?.body.blocks).join('\n');
  }

  it('answers help, status, history and licences privately, posting nothing in the channel', async () => {
    expect(await ask(ALICE, 'help')).toContain('/psa import &lt;connectwise|autotask|halopsa&gt;');
    expect(await ask(ALICE, '')).toContain('/psa connect');
    expect(await ask(ALICE, 'status')).toContain('*Connected PSAs:* none yet');
    expect(await ask(ALICE, 'history')).toContain('No imports yet');
    expect(await ask(ALICE, 'licenses')).toContain('*Total:* 500 · *used:* 120 · *free:* 380');
    expect(harness.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('adds and removes admins by mention', async () => {
    expect(await ask(DAVE, 'status')).toContain('Only admins of this workspace');
    await ask(ALICE, 'admins add <@U0DAVE|dave>');
    expect(await ask(ALICE, 'admins')).toContain('<@U0DAVE>');
    expect(await ask(DAVE, 'status')).toContain('Connected PSAs');
    await ask(ALICE, 'admins remove <@U0DAVE>');
    expect(await ask(DAVE, 'status')).toContain('Only admins of this workspace');
  });

  it('adds and lists managed companies with their names escaped', async () => {
    const added = await ask(ALICE, 'companies add <!channel> & <http://evil.example|Friends>');
    expect(added).toContain('&lt;!channel&gt; &amp; &lt;http:\u2060//evil.\u2060example|Friends&gt;');
    const listed = await ask(ALICE, 'companies evil');
    expect(listed).toContain('&lt;!channel&gt; &amp; &lt;http:\u2060//evil.\u2060example|Friends&gt;');
    expect(listed).not.toMatch(/<!channel>|<http/);
  });

  it('explains unknown providers, unknown commands and exports without an import', async () => {
    expect(await ask(ALICE, 'import halo')).toContain('Unknown PSA provider');
    expect(await ask(ALICE, 'frobnicate')).toContain('That did not work: unknown command');
    expect(await ask(ALICE, 'export')).toContain('That import does not exist');
    expect(await ask(ALICE, 'cancel')).toMatch(/import/i);
  });

  it('waits out a 429 from the Web API (Retry-After) and then opens the modal', async () => {
    harness.fake.rateLimitOnce('views.open', 1);
    await harness.sender.command(ALICE, 'connect connectwise');
    await harness.surface.idle();
    const attempts = harness.fake.calls.filter((call) => call.method.startsWith('views.open'));
    expect(attempts.map((call) => call.method)).toEqual(['views.open#429', 'views.open']);
    const modal = [...harness.fake.views.values()].at(-1);
    expect(blockText((modal?.view.blocks as Json[]) ?? [])).toContain('Enter the API credentials');
    const inputs = ((modal?.view.blocks as Json[]) ?? []).filter((block) => block.type === 'input');
    expect(inputs.map((block) => block.block_id)).toContain('privateKey');
  });

  it('shows the seed words in the modal when the PSA rejects the credentials', async () => {
    await harness.sender.command(ALICE, 'connect connectwise');
    await harness.surface.idle();
    const form = [...harness.fake.views.values()].at(-1);
    if (form === undefined) throw new Error('no modal');
    const wrong = { ...app.credentials, privateKey: 'not-the-key-CANARY' };
    await harness.sender.interaction(harness.sender.viewPayload(ALICE, form, 'view_submission', wrong));
    await harness.surface.idle();
    const shown = blockText(harness.fake.view(form.id).view.blocks as Json[]);
    expect(shown).toContain(
      'Authentication error. Check your credentials for your PSA provider and try again',
    );
    expect(JSON.stringify(harness.fake.calls)).not.toContain('not-the-key-CANARY');
  });

  it('cancels an import from its button: the lock is released and the message loses its buttons', async () => {
    await harness.sender.command(ALICE, 'connect connectwise');
    await harness.surface.idle();
    const form = [...harness.fake.views.values()].at(-1);
    if (form === undefined) throw new Error('no modal');
    await harness.sender.interaction(
      harness.sender.viewPayload(ALICE, form, 'view_submission', app.credentials),
    );
    await harness.surface.idle();
    await harness.sender.command(ALICE, 'import connectwise');
    await harness.surface.idle();
    const root = [...harness.fake.messages.values()].find((m) => m.threadTs === null);
    const work = harness.fake.thread(root?.ts ?? '')[1];
    if (work === undefined) throw new Error('no review');
    const cancel = findControl(work.blocks, 'psa_cancel');
    await harness.sender.interaction(harness.sender.messageAction(BOB, work, cancel));
    await harness.surface.idle();
    expect(ephemeralTexts()).toContain('Another admin is already working with this integration');
    await harness.sender.interaction(harness.sender.messageAction(ALICE, work, cancel));
    await harness.surface.idle();
    const cancelled = harness.fake.message(work.ts);
    expect(blockText(cancelled.blocks)).toContain('Cancelled by alice');
    expect(cancelled.blocks.flatMap((b) => (b.elements as Json[] | undefined) ?? [])).toEqual([
      expect.objectContaining({ type: 'mrkdwn' }),
    ]);
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('cancelled');
    expect(await ask(BOB, 'status')).toContain('*Open imports:*\n_none_');
  });

  it('sent nothing over the Block Kit limits', () => {
    expect(harness.fake.violations).toEqual([]);
  });
});
