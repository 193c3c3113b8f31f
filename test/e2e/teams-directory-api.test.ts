import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeThread } from '../../adapters/chat/teams/thread-ref.js';
import { endpointFailingNotice } from '../../src/app/use-cases/webhooks.js';
import { assertValidAdaptiveCard } from '../support/adaptive-card-schema.js';
import { ALICE, CHANNEL, message, TENANT } from '../support/teams-activities.js';
import { type SandboxApp, startSandboxApp } from '../support/teams-app.js';
import { cardOfActivity, type Json, textOf } from '../support/teams-cards.js';
import { TeamsDriver } from '../support/teams-driver.js';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const PERSONAL = 'a:1personal-chat-with-alice';
const GROUP = '19:group-chat@thread.v2';

/** Markdown escapes undone: what the admin reads. */
const unescaped = (text: string): string => text.replace(/\\(.)/g, '$1');

/** `/psa tokens …` and `/psa webhooks …` on Teams: secrets only in a personal chat. */
describe('tokens and webhooks through Teams', () => {
  let app: SandboxApp;
  let harness: TeamsHarness;
  let teams: TeamsDriver;
  let n = 0;

  beforeAll(async () => {
    app = await startSandboxApp({ platform: 'teams', workspaceId: TENANT }, [
      { userId: ALICE.aadObjectId, displayName: 'Alice' },
    ]);
    harness = await startTeamsHarness({ bot: app.bot, clock: app.clock });
    teams = new TeamsDriver(harness);
  });
  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  /** Sends a command in a conversation and returns the card the bot replied with there. */
  async function ask(text: string, where: 'channel' | 'groupChat' | 'personal'): Promise<Json> {
    n += 1;
    const id = `17000000${String(n).padStart(5, '0')}`;
    const conversationId =
      where === 'channel' ? `${CHANNEL};messageid=${id}` : where === 'personal' ? PERSONAL : GROUP;
    const before = harness.connector.sent.length;
    await teams.send(message(ALICE, text, teams.options({ id, conversationId, conversationType: where })));
    const replies = harness.connector.sent.slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversationId).toBe(conversationId);
    const card = cardOfActivity(replies[0]?.body ?? {});
    if (card === null) throw new Error('no card');
    assertValidAdaptiveCard(card, text);
    return card;
  }

  /** Everything sent outside the personal chat, and every log line. */
  function publicTraces(): string {
    return JSON.stringify([
      harness.connector.sent.filter((sent) => sent.conversationId !== PERSONAL),
      harness.logs,
    ]);
  }

  it('refuses to create a token or an endpoint outside a personal chat, creating nothing', async () => {
    expect(textOf(await ask('tokens create ci', 'channel'))).toContain('personal chat');
    expect(textOf(await ask('webhooks add http://127.0.0.1:9/h', 'groupChat'))).toContain('personal chat');
    expect(textOf(await ask('tokens', 'channel'))).toContain('No API tokens yet');
    expect(textOf(await ask('webhooks', 'channel'))).toContain('No webhook endpoints');
  });

  it('shows a token once in the personal chat, and lists and revokes it anywhere', async () => {
    const created = unescaped(
      textOf(await ask('tokens create [ops](https://evil.example) **x**', 'personal')),
    );
    const token = /(psa_[A-Za-z0-9_-]{20,})/.exec(created)?.[1];
    expect(token).toBeDefined();
    const listed = textOf(await ask('tokens', 'channel'));
    expect(listed).toContain('\\[ops\\]\\(https\\:');
    expect(listed).not.toContain('](https://');
    const id = /\*\*([A-Za-z0-9\\_-]+)\*\*/.exec(listed)?.[1] ?? '';
    expect(textOf(await ask(`tokens revoke ${unescaped(id)}`, 'channel'))).toMatch(/revoked/i);
    expect(textOf(await ask('tokens', 'channel'))).toContain('**revoked**');
    expect(publicTraces()).not.toContain(token);
  });

  it('adds, rotates, pings, disables and removes an endpoint; secrets only in the personal chat', async () => {
    const added = unescaped(
      textOf(await ask('webhooks add http://127.0.0.1:9/hook user.created', 'personal')),
    );
    const secret = /(whsec_[A-Za-z0-9+/=]{20,})/.exec(added)?.[1];
    expect(secret).toBeDefined();
    const id = /\(id ([A-Za-z0-9_-]+)\)/.exec(added)?.[1] ?? '';
    expect(textOf(await ask(`webhooks rotate ${id}`, 'channel'))).toContain('personal chat');
    const rotated = unescaped(textOf(await ask(`webhooks rotate ${id}`, 'personal')));
    const next = /(whsec_[A-Za-z0-9+/=]{20,})/.exec(rotated)?.[1];
    expect(next).toBeDefined();
    expect(next).not.toBe(secret);

    const listed = textOf(await ask('webhooks', 'channel'));
    expect(listed).toContain('failures 0');
    expect(listed).toContain('**active**');
    expect(textOf(await ask(`webhooks ping ${id}`, 'channel'))).toContain('test event');
    expect(textOf(await ask(`webhooks disable ${id}`, 'channel'))).toContain('disabled');
    expect(textOf(await ask('webhooks', 'groupChat'))).toContain('**disabled**');
    expect(textOf(await ask(`webhooks remove ${id}`, 'channel'))).toContain('removed');

    const traces = publicTraces();
    for (const shown of [secret, next]) expect(traces).not.toContain(shown);
  });

  it('posts the failure digest as a reply in the import thread', async () => {
    const notice = endpointFailingNotice({
      endpointId: 'ep-9',
      url: 'https://hooks.example.com/[x](y)',
      attempts: 1,
      status: 410,
      gaveUp: true,
    });
    const before = harness.connector.sent.length;
    const thread = encodeThread({
      serviceUrl: harness.connector.serviceUrl,
      conversationId: CHANNEL,
      rootActivityId: '1700000009999',
      threaded: true,
    });
    expect(await harness.surface.postInThread?.(thread, notice)).toBe(true);
    const sent = harness.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(`${CHANNEL};messageid=1700000009999`);
    const card = cardOfActivity(sent[0]?.body ?? {}) ?? {};
    assertValidAdaptiveCard(card, 'digest');
    expect(textOf(card)).toContain('keeps failing');
    expect(textOf(card)).toContain('\\[x\\]\\(y\\)');
    expect(await harness.surface.postInThread?.({ platform: 'slack', data: '{}' }, notice)).toBe(false);
  });
});
