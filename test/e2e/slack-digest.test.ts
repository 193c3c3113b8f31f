import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestView } from '../../src/app/views.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import { Secret } from '../../src/domain/secret.js';
import {
  ALICE,
  BOB,
  findControl,
  MSP_TEAM,
  mrkdwnTexts,
  type SlackHarness,
  startSlackHarness,
} from '../fakes/slack-api.js';
import { type SandboxApp, startSandboxApp } from '../support/teams-app.js';

/**
 * Issue 14 through Slack over real HTTP: `/psa schedule` stores the channel it was typed in, the
 * digest is posted there by the surface, and its Start import button opens the normal review with
 * the digest's filter in a new thread of that channel.
 */
const CHANNEL = 'C0DIGEST';

describe('the change digest through Slack', () => {
  let app: SandboxApp;
  let harness: SlackHarness;
  const alice: Actor = { platform: 'slack', workspaceId: MSP_TEAM, userId: ALICE.id, displayName: 'Alice' };

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'slack', workspaceId: MSP_TEAM }, [
      { userId: ALICE.id, displayName: 'Alice' },
      { userId: BOB.id, displayName: 'Bob' },
    ]);
    harness = await startSlackHarness({ bot: app.bot, clock: app.clock });
    const connected = await app.bot.handle(alice, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret({ ...app.credentials }),
    });
    expect(connected.kind).toBe('connected');
  });

  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  async function command(text: string): Promise<string> {
    const before = harness.fake.responses.length;
    const response = await harness.sender.command(ALICE, text, CHANNEL);
    expect(response.status).toBe(200);
    await harness.surface.idle();
    return JSON.stringify(harness.fake.responses.slice(before).map((reply) => reply.body));
  }

  it('schedules a weekly digest for the channel it was typed in', async () => {
    const answer = await command('schedule connectwise weekly monday 08:30 Europe/Berlin');
    expect(answer).toMatch(/Monday/);
    expect(answer).toContain('08:30');
    const rows = await app.db.selectFrom('digest_schedules').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      cadence: 'weekly',
      time_zone: 'Europe/Berlin',
      conversation_platform: 'slack',
    });
    expect(JSON.parse(rows[0]?.conversation ?? '{}')).toEqual({ channel: CHANNEL });
  });

  it('posts the digest in that channel and starts the reviewed import from its button', async () => {
    const digest = await app.bot.handle(alice, { kind: 'digest-now', provider: 'connectwise' });
    if (digest.kind !== 'digest') throw new Error(`expected a digest, got ${digest.kind}`);
    expect(digest.total).toBeGreaterThan(0);
    const row = await app.db.selectFrom('digest_schedules').selectAll().executeTakeFirstOrThrow();
    const posted = await harness.surface.postDigest?.(
      { platform: 'slack', data: row.conversation },
      digest satisfies DigestView,
    );
    expect(posted).toBe(true);
    const [post] = harness.fake.callsOf('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: CHANNEL });
    expect(post?.args.thread_ts).toBeUndefined();
    const message = [...harness.fake.messages.values()].find((stored) => stored.channel === CHANNEL);
    if (message === undefined) throw new Error('the digest was not stored in the channel');
    expect(mrkdwnTexts(message.blocks).join('\n')).toMatch(/new (PSA )?compan/i);

    const runsBefore = await app.db.selectFrom('import_runs').selectAll().execute();
    expect(runsBefore).toHaveLength(0);
    const start = findControl(message.blocks, 'psa_digest_import');
    const clicked = await harness.sender.interaction(harness.sender.messageAction(ALICE, message, start));
    expect(clicked.status).toBe(200);
    await harness.surface.idle();

    // The normal import: one run with the digest's filter, its review in a thread of the channel.
    const runs = await app.db.selectFrom('import_runs').selectAll().execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('reviewing-companies');
    const posts = harness.fake.callsOf('chat.postMessage').slice(1);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.every((call) => call.args.channel === CHANNEL)).toBe(true);
    const thread = posts.find((call) => call.args.thread_ts !== undefined);
    expect(thread).toBeDefined();
    const texts = [...harness.fake.messages.values()].map((stored) => stored.text).join('\n');
    expect(texts).toMatch(/Review of \d+ ConnectWise Manage companies/);
  });

  it('ignores a Start import value that was tampered with', async () => {
    const message = [...harness.fake.messages.values()].find((stored) =>
      stored.blocks.some((block) => JSON.stringify(block).includes('psa_digest_import')),
    );
    if (message === undefined) throw new Error('no digest message');
    const start = findControl(message.blocks, 'psa_digest_import');
    const forged = { ...start, element: { ...start.element, value: '{"provider":"mysql","filter":""}' } };
    const before = harness.fake.calls.length;
    const clicked = await harness.sender.interaction(harness.sender.messageAction(ALICE, message, forged));
    expect(clicked.status).toBe(200);
    await harness.surface.idle();
    expect(
      harness.fake.calls.slice(before).filter((call) => call.method === 'chat.postMessage'),
    ).toHaveLength(0);
    expect(await app.db.selectFrom('import_runs').selectAll().execute()).toHaveLength(1);
  });
});
