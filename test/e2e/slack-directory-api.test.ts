import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadRef } from '../../adapters/chat/slack/thread.js';
import { endpointFailingNotice } from '../../src/app/use-cases/webhooks.js';
import { ALICE, MSP_TEAM, mrkdwnTexts, type SlackHarness, startSlackHarness } from '../fakes/slack-api.js';
import { type SandboxApp, startSandboxApp } from '../support/teams-app.js';

/** `/psa tokens …` and `/psa webhooks …` on Slack: answered ephemerally, secrets never in a channel. */
describe('tokens and webhooks through Slack', () => {
  let app: SandboxApp;
  let harness: SlackHarness;

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'slack', workspaceId: MSP_TEAM }, [
      { userId: ALICE.id, displayName: 'Alice' },
    ]);
    harness = await startSlackHarness({ bot: app.bot, clock: app.clock });
  });
  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  async function ask(text: string): Promise<string> {
    const before = harness.fake.responses.length;
    const response = await harness.sender.command(ALICE, text);
    expect(response.status).toBe(200);
    await harness.surface.idle();
    const replies = harness.fake.responses.slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.response_type).toBe('ephemeral');
    return mrkdwnTexts(replies[0]?.body.blocks).join('\n');
  }

  /** Everything that reached a channel (posts, updates, files) and every log line. */
  function publicTraces(): string {
    const channelCalls = harness.fake.calls.filter((call) => call.method !== 'chat.postEphemeral');
    return JSON.stringify([channelCalls, harness.logs]);
  }

  it('shows a new token once, privately, lists it inert and revokes it', async () => {
    const created = await ask('tokens create <!channel> *ops*');
    const token = /`(psa_[A-Za-z0-9_-]+)`/.exec(created)?.[1];
    expect(token).toBeDefined();
    expect(created).toContain('&lt;!channel&gt; \u2217ops\u2217');
    expect(publicTraces()).not.toContain(token);

    const listed = await ask('tokens');
    expect(listed).not.toContain(token);
    expect(listed).toContain('&lt;!channel&gt;');
    expect(listed).not.toMatch(/<!channel>/);
    const id = /`([A-Za-z0-9_-]+)` \*/.exec(listed)?.[1] ?? '';
    expect(await ask(`tokens revoke ${id}`)).toMatch(/revoked/i);
    expect(await ask('tokens')).toContain('*revoked*');
  });

  it('adds an endpoint with its whsec_ secret shown once, then pings, rotates, disables and removes it', async () => {
    const added = await ask('webhooks add http://127.0.0.1:9/hook user.created');
    const secret = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(added)?.[1];
    expect(secret).toBeDefined();
    const id = /id `([A-Za-z0-9_-]+)`/.exec(added)?.[1] ?? '';

    const listed = await ask('webhooks');
    expect(listed).toContain('failures 0');
    expect(listed).toContain('`user.created`');
    expect(listed).not.toContain('whsec_');
    expect(await ask(`webhooks ping ${id}`)).toContain('test event');
    const rotated = await ask(`webhooks rotate ${id}`);
    const next = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(rotated)?.[1];
    expect(next).toBeDefined();
    expect(next).not.toBe(secret);
    expect(await ask(`webhooks disable ${id}`)).toContain('disabled');
    expect(await ask('webhooks')).toContain('*disabled*');
    expect(await ask(`webhooks remove ${id}`)).toContain('removed');
    expect(await ask('webhooks')).toContain('No webhook endpoints');

    const traces = publicTraces();
    for (const shown of [secret, next]) expect(traces).not.toContain(shown);
    expect(harness.fake.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('posts the failure digest in the import thread, the address inert', async () => {
    const notice = endpointFailingNotice({
      endpointId: 'ep-1',
      url: 'https://hooks.example.com/<!channel>',
      attempts: 3,
      status: 503,
      gaveUp: false,
    });
    const before = harness.fake.callsOf('chat.postMessage').length;
    const thread = threadRef({ channel: 'C0IMPORTS', ts: '1700000000.000100' });
    expect(await harness.surface.postInThread?.(thread, notice)).toBe(true);
    const posted = harness.fake.callsOf('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args).toMatchObject({ channel: 'C0IMPORTS', thread_ts: '1700000000.000100' });
    const text = mrkdwnTexts(posted[0]?.args.blocks).join('\n');
    expect(text).toContain('Webhook endpoint ep-1 keeps failing (3 attempts; the receiver answered 503)');
    expect(text).toContain('&lt;!channel&gt;');
    expect(await harness.surface.postInThread?.({ platform: 'teams', data: '{}' }, notice)).toBe(false);
  });
});
