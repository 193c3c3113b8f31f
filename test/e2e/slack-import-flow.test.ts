import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Intent } from '../../src/app/intents.js';
import type { View } from '../../src/app/views.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import { Secret } from '../../src/domain/secret.js';
import {
  ALICE,
  BOB,
  blockText,
  CAROL,
  controls,
  type FoundControl,
  findControl,
  type Json,
  MALLORY,
  MSP_TEAM,
  mrkdwnTexts,
  type SlackHarness,
  type SlackUser,
  type StoredMessage,
  startSlackHarness,
} from '../fakes/slack-api.js';
import { versionOf } from '../support/core-harness.js';
import { directorySnapshot, type SandboxApp, startSandboxApp } from '../support/teams-app.js';

/**
 * The acceptance of the core issue, through Slack over real HTTP: connect the sandbox
 * ConnectWise in a modal, import in a channel thread, map a duplicate with the typeahead, leave a
 * company out, grant users (bulk and in the per-company modal), submit as Alice, fail to approve
 * as Alice, approve as Bob (50 identical clicks, applied once), read the result; import again and
 * see nothing new created; reject a third import with a reason. The database must end as the
 * same decisions leave it from the terminal chat. The fake Slack checks every message and modal
 * against the Block Kit limits.
 */

const CHANNEL = 'C0IMPORT';

interface Row {
  readonly psaId: number;
  readonly text: string;
  readonly candidates: number;
  readonly select: FoundControl;
}

function reviewRows(message: StoredMessage): Row[] {
  const rows: Row[] = [];
  for (const block of message.blocks) {
    const accessory = block.accessory as Json | undefined;
    const actionId = String(accessory?.action_id ?? '');
    if (!actionId.startsWith('psa_company_decision:')) continue;
    const text = String((block.text as Json).text);
    rows.push({
      psaId: Number(actionId.split(':')[1]),
      text,
      candidates: text.split(':warning: same as').length - 1,
      select: { blockId: String(block.block_id), element: accessory as Json },
    });
  }
  return rows;
}

function ephemeralTexts(harness: SlackHarness): string {
  return JSON.stringify(harness.fake.responses.map((response) => response.body));
}

describe('the import flow through Slack (real HTTP, fake Slack Web API, sandbox ConnectWise)', () => {
  let app: SandboxApp;
  let harness: SlackHarness;
  let rootTs = '';
  let workTs = '';
  let approvalTs = '';
  let duplicate: { psaId: number; companyId: string; companyName: string };
  let leftOut = 0;
  let granted: number[] = [];

  async function command(user: SlackUser, text: string, channel = CHANNEL): Promise<void> {
    const response = await harness.sender.command(user, text, channel);
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    await harness.surface.idle();
  }

  async function click(
    user: SlackUser,
    ts: string,
    prefix: string,
    predicate?: (c: FoundControl) => boolean,
    selected?: Json,
  ) {
    const message = harness.fake.message(ts);
    const control = findControl(message.blocks, prefix, predicate);
    const response = await harness.sender.interaction(
      harness.sender.messageAction(user, message, control, selected),
    );
    expect(response.status).toBe(200);
    await harness.surface.idle();
  }

  function privateKey(): string {
    const key = app.credentials.privateKey;
    if (key === undefined || key.length < 8) throw new Error('the sandbox has no private key');
    return key;
  }

  function work(): StoredMessage {
    return harness.fake.message(workTs);
  }

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

  it('refuses a non-admin and a user of another organisation, privately', async () => {
    await command(CAROL, 'status');
    expect(ephemeralTexts(harness)).toContain('Only admins of this workspace can use the PSA import bot');
    await command(MALLORY, 'import connectwise');
    expect(ephemeralTexts(harness)).toContain(
      'This bot only takes commands from members of the MSP that installed it',
    );
    expect(harness.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(harness.fake.callsOf('conversations.info')).toHaveLength(0);
  });

  it('refuses credentials typed into the command and does not echo them', async () => {
    await command(ALICE, `connect connectwise privateKey=${privateKey()}`);
    const texts = ephemeralTexts(harness);
    expect(texts).toContain('Never type credentials into a command');
    expect(texts).not.toContain(privateKey());
    expect(harness.fake.callsOf('views.open')).toHaveLength(0);
    expect(JSON.stringify(harness.logs)).not.toContain(privateKey());
  });

  it('connects the sandbox ConnectWise through a modal opened at once', async () => {
    await command(ALICE, 'connect connectwise');
    const [opened] = harness.fake.callsOf('views.open');
    expect(blockText(((opened?.args.view as Json | undefined)?.blocks as Json[]) ?? [])).toContain('Loading');
    const viewId = [...harness.fake.views.keys()][0] ?? '';
    const form = harness.fake.view(viewId);
    const inputs = ((form.view.blocks as Json[]) ?? [])
      .filter((block) => block.type === 'input')
      .map((block) => block.block_id);
    expect(inputs).toEqual(expect.arrayContaining(['privateKey', 'publicKey', 'companyId', 'clientId']));
    const submitted = await harness.sender.interaction(
      harness.sender.viewPayload(ALICE, form, 'view_submission', app.credentials),
    );
    expect(submitted.status).toBe(200);
    expect(JSON.parse(submitted.body)).toMatchObject({ response_action: 'update' });
    await harness.surface.idle();
    expect(blockText(harness.fake.view(viewId).view.blocks as Json[])).toContain(
      'Connected to ConnectWise Manage',
    );
    // The secret went from the modal to the core only: never back to Slack, never to the logs.
    const outgoing = JSON.stringify(harness.fake.calls.filter((call) => call.method !== 'auth.test'));
    expect(outgoing.split(privateKey()).length).toBe(1);
    expect(JSON.stringify(harness.logs)).not.toContain(privateKey());
  });

  it('never posts import lists in a channel shared with another organisation', async () => {
    harness.fake.sharedChannels.add('C0SHARED');
    await command(ALICE, 'import connectwise', 'C0SHARED');
    expect(ephemeralTexts(harness)).toContain(
      'Import lists are never posted in a channel shared with another organisation',
    );
    expect(harness.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(await app.db.selectFrom('import_runs').selectAll().execute()).toHaveLength(0);
  });

  it('asks to be invited before importing into a channel it is not in', async () => {
    harness.fake.channelsWithoutBot.add('C0ELSEWHERE');
    await command(ALICE, 'import connectwise', 'C0ELSEWHERE');
    expect(ephemeralTexts(harness)).toContain('I am not in this channel; invite me to it first');
    expect(harness.fake.callsOf('chat.postMessage')).toHaveLength(0);
    expect(await app.db.selectFrom('import_runs').selectAll().execute()).toHaveLength(0);
  });

  it('imports: one root message, progress updated in place in its thread, then the review', async () => {
    await command(ALICE, 'import connectwise');
    const posts = harness.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    rootTs = [...harness.fake.messages.values()][0]?.ts ?? '';
    expect(posts[1]?.args.thread_ts).toBe(rootTs);
    workTs = harness.fake.thread(rootTs)[1]?.ts ?? '';
    const updates = harness.fake.callsOf('chat.update').filter((call) => call.args.ts === workTs);
    expect(JSON.stringify(updates[0]?.args.blocks)).toContain('Fetching companies from ConnectWise Manage');
    // One progress edit and the review: the throttle keeps a large fetch from flooding Slack.
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(work().text).toMatch(/^Review of \d+ ConnectWise Manage companies/);
    const runs = await app.db.selectFrom('import_runs').select(['thread']).execute();
    expect(JSON.parse(JSON.parse(runs[0]?.thread ?? '{}').data ?? '{}')).toEqual({
      channel: CHANNEL,
      ts: rootTs,
    });
  });

  it('lists unmapped companies first, with each potential duplicate and its reason', async () => {
    expect(reviewRows(work())[0]?.text).toContain('_Unmapped');
    for (let page = 0; page < 60; page++) {
      const rows = reviewRows(work());
      const found = rows.find((row) => row.candidates === 1);
      if (found !== undefined) {
        const options = found.select.element.options as Json[];
        const map = options.find((option) => String(option.value).startsWith('map:'));
        duplicate = {
          psaId: found.psaId,
          companyId: String(map?.value).slice(4),
          companyName: String((map?.text as Json | undefined)?.text).replace(/^Map to /, ''),
        };
        expect(found.text).toMatch(/:warning: same as .+/);
        leftOut = rows.find((row) => row.candidates === 0 && row.text.includes('_Unmapped_'))?.psaId ?? 0;
        break;
      }
      await click(ALICE, workTs, 'psa_review_page:next');
    }
    expect(duplicate?.companyId).toBeTruthy();
    expect(leftOut).toBeGreaterThan(0);
  });

  it('maps the duplicate with the external_select typeahead and leaves a company out', async () => {
    const searchBlock = findControl(work().blocks, `psa_company_search:${duplicate.psaId}`);
    const query = duplicate.companyName.slice(0, 4);
    const found = await harness.sender.interaction(
      harness.sender.suggestion(ALICE, String(searchBlock.element.action_id), searchBlock.blockId, query),
    );
    const options = (JSON.parse(found.body) as { options: Json[] }).options;
    expect(options).toContainEqual(expect.objectContaining({ value: duplicate.companyId }));
    const strangers = await harness.sender.interaction(
      harness.sender.suggestion(MALLORY, String(searchBlock.element.action_id), searchBlock.blockId, query),
    );
    expect(JSON.parse(strangers.body)).toEqual({ options: [] });

    await click(ALICE, workTs, `psa_company_search:${duplicate.psaId}`, undefined, {
      text: { type: 'plain_text', text: duplicate.companyName },
      value: duplicate.companyId,
    });
    const leaveOut = (c: FoundControl) => c.element.action_id === `psa_company_decision:${leftOut}`;
    await click(ALICE, workTs, 'psa_company_decision:', leaveOut, {
      text: { type: 'plain_text', text: 'Leave out' },
      value: 'skip',
    });
    const rows = reviewRows(work());
    expect(rows.find((row) => row.psaId === duplicate.psaId)?.text).toContain('→ Map to');
    expect(rows.find((row) => row.psaId === leftOut)?.text).toContain('→ Leave out');
  });

  it('exports the full review as CSV in the thread', async () => {
    await click(ALICE, workTs, 'psa_export');
    const [upload] = [...harness.fake.uploads.values()];
    expect(upload?.channel).toBe(CHANNEL);
    expect(upload?.threadTs).toBe(rootTs);
    expect(upload?.filename).toMatch(/\.csv$/);
    expect(upload?.content.split('\n').length).toBeGreaterThan(100);
  });

  it('continues to users; granting everyone needs more licences than are free, so the submit is refused', async () => {
    await click(ALICE, workTs, 'psa_continue');
    expect(work().text).toMatch(/^Users to import from ConnectWise Manage/);
    await click(ALICE, workTs, 'psa_users_bulk:grant-all-eligible');
    expect(blockText(work().blocks)).toMatch(/grant [1-9][\d,]* new/);
    expect(blockText(work().blocks)).toContain("You don't seem to have enough available licenses");
    await click(ALICE, workTs, 'psa_submit');
    expect(ephemeralTexts(harness)).toContain("You don't seem to have enough available licenses");
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('reviewing-users');
    await click(ALICE, workTs, 'psa_users_bulk:reset');
    expect(blockText(work().blocks)).not.toContain("You don't seem to have enough available licenses");
  });

  it('manages one company’s users in a modal: checkboxes, red-X reasons, paging', async () => {
    const manage = controls(work().blocks).find((c) =>
      String(c.element.action_id).startsWith('psa_manage_users:'),
    );
    expect(manage).toBeDefined();
    await click(ALICE, workTs, String(manage?.element.action_id));
    const modal = [...harness.fake.views.values()].at(-1);
    if (modal === undefined) throw new Error('no modal');
    expect(modal.view.callback_id).toBe('psa_users');
    const boxes = findControl(modal.view.blocks as Json[], 'psa_contacts_check');
    const offered = boxes.element.options as Json[];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.length).toBeLessThanOrEqual(10);
    const response = await harness.sender.interaction(
      harness.sender.viewAction(ALICE, modal, boxes, { selected_options: offered }),
    );
    expect(response.status).toBe(200);
    await harness.surface.idle();
    granted = offered.map((option) => Number(option.value));
    const redrawn = harness.fake.view(modal.id);
    const after =
      (findControl(redrawn.view.blocks as Json[], 'psa_contacts_check').element.initial_options as Json[]) ??
      [];
    expect(after.map((option) => Number(option.value)).sort()).toEqual([...granted].sort());
    const done = await harness.sender.interaction(
      harness.sender.viewPayload(ALICE, redrawn, 'view_submission'),
    );
    expect(done.status).toBe(200);
    await harness.surface.idle();
    expect(blockText(work().blocks)).toContain(`grant ${granted.length} new`);
  });

  it('submits as Alice and posts the approval request with counts, Approve and Reject', async () => {
    await click(ALICE, workTs, 'psa_submit');
    expect(blockText(work().blocks)).toContain('Submitted for approval by alice');
    const approval = harness.fake.thread(rootTs).at(-1);
    approvalTs = approval?.ts ?? '';
    const text = blockText(approval?.blocks ?? []);
    expect(text).toContain('Approval needed');
    expect(text).toContain('<@U0ALICE> asks to apply this import');
    expect(text).toContain('<@U0BOB>');
    expect(controls(approval?.blocks ?? []).map((c) => c.element.action_id)).toEqual([
      'psa_approve',
      'psa_reject',
    ]);
  });

  it('refuses a click from another organisation’s user on the approval', async () => {
    await click(MALLORY, approvalTs, 'psa_approve');
    expect(ephemeralTexts(harness)).toContain('This bot only takes commands from members of the MSP');
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('pending-approval');
  });

  it('refuses Alice’s own approval with a private explanation', async () => {
    await click(ALICE, approvalTs, 'psa_approve');
    expect(ephemeralTexts(harness)).toContain('You cannot approve an import you prepared');
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('pending-approval');
  });

  it('applies exactly once when Bob’s approval arrives 50 times at once', async () => {
    const message = harness.fake.message(approvalTs);
    const payload = harness.sender.messageAction(BOB, message, findControl(message.blocks, 'psa_approve'));
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => harness.sender.interaction(payload)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await harness.surface.idle();
    const results = harness.fake
      .thread(rootTs)
      .filter((m) => m.text.startsWith('Import from ConnectWise Manage applied'));
    expect(results).toHaveLength(1);
    const audit = await app.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((entry) => entry.action.includes('appl')).length).toBeGreaterThan(0);
    const resultText = blockText(results[0]?.blocks ?? []);
    expect(resultText).toContain(
      '<@U0ALICE> your import from ConnectWise Manage was applied (approved by bob)',
    );
    expect(resultText).toMatch(/created [1-9]/);
    expect(resultText).toMatch(/mapped [1-9]/);
    const approval = harness.fake.message(approvalTs);
    expect(blockText(approval.blocks)).toContain('Approved by bob');
    expect(controls(approval.blocks)).toHaveLength(0);
    const run = await app.db.selectFrom('import_runs').select('status').executeTakeFirstOrThrow();
    expect(run.status).toBe('applied');
  });

  it('explains a click on the finished approval privately', async () => {
    const before = harness.fake.responses.length;
    const stale = harness.sender.messageAction(BOB, harness.fake.message(approvalTs), {
      blockId: 'x',
      element: {
        type: 'button',
        action_id: 'psa_approve',
        value: JSON.stringify({ r: (await runIds())[0], v: 0, p: 0 }),
      },
    });
    await harness.sender.interaction(stale);
    await harness.surface.idle();
    expect(JSON.stringify(harness.fake.responses.slice(before))).toContain('This import is already applied');
  });

  async function runIds(): Promise<string[]> {
    return (await app.db.selectFrom('import_runs').select('id').orderBy('created_at').execute()).map(
      (run) => run.id,
    );
  }

  it('imports again: everything mapped, users kept, nothing new created', async () => {
    app.clock.advance(5 * 60_000);
    const before = await directorySnapshot(app);
    await command(ALICE, 'import connectwise');
    const root = [...harness.fake.messages.values()].filter((m) => m.threadTs === null).at(-1);
    const review = harness.fake.thread(root?.ts ?? '')[1];
    expect(review?.text).toMatch(/^Review of/);
    expect(blockText(review?.blocks ?? [])).toMatch(/· [1-9][\d,]* mapped/);
    // The company left out last time is unmapped still; it stays out.
    const leaveOut = (c: FoundControl) => c.element.action_id === `psa_company_decision:${leftOut}`;
    await click(ALICE, review?.ts ?? '', 'psa_company_decision:', leaveOut, {
      text: { type: 'plain_text', text: 'Leave out' },
      value: 'skip',
    });
    await click(ALICE, review?.ts ?? '', 'psa_continue');
    const users = harness.fake.message(review?.ts ?? '');
    expect(blockText(users.blocks)).toMatch(/keep [1-9]/);
    expect(blockText(users.blocks)).toContain('grant 0 new');
    await click(ALICE, review?.ts ?? '', 'psa_submit');
    const approval = harness.fake.message(harness.fake.thread(root?.ts ?? '').at(-1)?.ts ?? '');
    // Fifty separate clicks (each its own action_ts): the core's compare-and-set applies once.
    const clicks = Array.from({ length: 50 }, () =>
      harness.sender.messageAction(BOB, approval, findControl(approval.blocks, 'psa_approve')),
    );
    await Promise.all(clicks.map((payload) => harness.sender.interaction(payload)));
    await harness.surface.idle();
    const results = harness.fake
      .thread(root?.ts ?? '')
      .filter((m) => m.text.startsWith('Import from ConnectWise Manage applied'));
    expect(results).toHaveLength(1);
    const result = results[0];
    expect(blockText(result?.blocks ?? [])).toContain('created 0');
    expect(blockText(result?.blocks ?? [])).toContain('imported 0');
    expect(await directorySnapshot(app)).toEqual(before);
  });

  it('rejects with a reason asked in a modal; the requester is told in the thread', async () => {
    app.clock.advance(5 * 60_000);
    await command(ALICE, 'import connectwise');
    const root = [...harness.fake.messages.values()].filter((m) => m.threadTs === null).at(-1)?.ts ?? '';
    const review = harness.fake.thread(root)[1]?.ts ?? '';
    await click(ALICE, review, 'psa_continue');
    await click(ALICE, review, 'psa_submit');
    const approval = harness.fake.thread(root).at(-1)?.ts ?? '';
    await click(BOB, approval, 'psa_reject');
    const modal = [...harness.fake.views.values()].at(-1);
    if (modal === undefined) throw new Error('no reject modal');
    expect(modal.view.callback_id).toBe('psa_reject_reason');
    const empty = await harness.sender.interaction(
      harness.sender.viewPayload(BOB, modal, 'view_submission', { reason: ' ' }),
    );
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors' });
    await harness.sender.interaction(
      harness.sender.viewPayload(BOB, modal, 'view_submission', { reason: 'Wait for <!here> Q3' }),
    );
    await harness.surface.idle();
    const rejected = harness.fake.message(approval);
    expect(controls(rejected.blocks)).toHaveLength(0);
    expect(blockText(rejected.blocks)).toContain('Rejected by bob');
    const told = harness.fake.thread(root).at(-1);
    expect(blockText(told?.blocks ?? [])).toContain(
      '<@U0ALICE> your import was rejected by bob. Reason: Wait for &lt;!here&gt; Q3',
    );
  });

  it('sent only messages and modals within the Block Kit limits, with parse none and no unfurls', () => {
    expect(harness.fake.violations).toEqual([]);
    expect(harness.fake.callsOf('chat.postMessage').length).toBeGreaterThan(5);
  });

  it('escaped PSA text everywhere: the company named <!channel> pinged nobody, no link was injected', () => {
    const sent = [
      ...harness.fake.calls.map((call) => call.args),
      ...harness.fake.responses.map((r) => r.body),
    ];
    const texts = mrkdwnTexts(sent).join('\n');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).not.toMatch(/<!(channel|here|everyone)/);
    expect(texts).not.toMatch(/<https?:/);
    // Only our own mentions of admins use Slack's angle brackets.
    expect(texts.replaceAll(/<@U0[A-Z]+>/g, '')).not.toMatch(/[<>]/);
  });

  it('leaves the database as the same decisions do from the terminal chat', async () => {
    const terminal = await startSandboxApp({ platform: 'terminal', workspaceId: 'local' }, [
      { userId: 'alice', displayName: 'Alice' },
      { userId: 'bob', displayName: 'Bob' },
    ]);
    try {
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
      const as = async (intent: Intent) => ok(await terminal.bot.handle(alice, intent));
      // Both imports leave the same company out, as the Slack flow did.
      const importOnce = async (decide: (runId: string) => Promise<void>) => {
        const review = await as({ kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 });
        if (review.kind !== 'review') throw new Error('no review');
        const runId = review.run.runId;
        await as({
          kind: 'decide-companies',
          runId,
          decisions: [{ psaCompanyId: leftOut, decision: { kind: 'skip' } }],
          paging,
        });
        await decide(runId);
        await as({ kind: 'continue-to-users', runId, paging });
        for (const psaContactId of granted) {
          await as({
            kind: 'decide-users',
            runId,
            decisions: [{ psaContactId, decision: { kind: 'grant' } }],
            paging,
          });
        }
        await as({ kind: 'submit', runId });
        ok(
          await terminal.bot.handle(bob, {
            kind: 'approve',
            runId,
            version: await versionOf(terminal.bot, bob, runId),
          }),
        );
      };
      await importOnce(async (runId) => {
        const found = await as({ kind: 'search-companies', query: duplicate.companyName, limit: 5 });
        const target =
          found.kind === 'company-options'
            ? found.options.find((o) => o.name === duplicate.companyName)
            : undefined;
        const decision = { kind: 'map' as const, companyId: target?.id ?? '' };
        await as({
          kind: 'decide-companies',
          runId,
          decisions: [{ psaCompanyId: duplicate.psaId, decision }],
          paging,
        });
      });
      terminal.clock.advance(5 * 60_000);
      await importOnce(async () => {});
      expect(await directorySnapshot(app)).toEqual(await directorySnapshot(terminal));
    } finally {
      await terminal.close();
    }
  });
});
