import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportBot } from '../../src/app/bot-api.js';
import type { Intent } from '../../src/app/intents.js';
import type { View } from '../../src/app/views.js';
import { ManualClock } from '../fakes/manual-clock.js';
import {
  ALICE,
  SIGNING_SECRET,
  type SlackHarness,
  slackSignature,
  startSlackHarness,
} from '../fakes/slack-api.js';

/**
 * Forged and stale requests get 401 and reach nothing: no core call, no Web API call. A stub
 * core records every call, so a request that slipped through would show.
 */

class RecordingBot implements ImportBot {
  readonly intents: Intent[] = [];
  claims = 0;
  reply: View = { kind: 'help', commands: [{ usage: '/psa help', summary: 'Show these commands.' }] };

  async handle(_actor: unknown, intent: Intent): Promise<View> {
    this.intents.push(intent);
    return this.reply;
  }

  async claimOnce(_key: string): Promise<boolean> {
    this.claims += 1;
    return true;
  }
}

describe('Slack request verification over real HTTP', () => {
  const clock = new ManualClock();
  const bot = new RecordingBot();
  let harness: SlackHarness;
  const now = () => Math.floor(clock.now().getTime() / 1000);

  beforeAll(async () => {
    harness = await startSlackHarness({ bot, clock });
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    bot.intents.length = 0;
    bot.claims = 0;
    harness.fake.calls.length = 0;
    harness.fake.responses.length = 0;
  });

  function form(text = 'help'): string {
    return harness.sender.commandBody(ALICE, text);
  }

  function headers(timestamp: string, signature: string): Record<string, string> {
    return {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    };
  }

  const forgeries: [string, () => { body: string; headers: Record<string, string> }][] = [
    [
      'no signature headers at all',
      () => ({ body: form(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ],
    [
      'no signature',
      () => ({
        body: form(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(now()),
        },
      }),
    ],
    [
      'no timestamp',
      () => {
        const body = form();
        return {
          body,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-signature': slackSignature(SIGNING_SECRET, String(now()), body),
          },
        };
      },
    ],
    ['a malformed signature', () => ({ body: form(), headers: headers(String(now()), 'v0=not-hex') })],
    ['a wrong signature', () => ({ body: form(), headers: headers(String(now()), `v0=${'ab'.repeat(32)}`) })],
    [
      'one changed body byte',
      () => {
        const body = form('help');
        const ts = String(now());
        return {
          body: body.replace('text=help', 'text=helq'),
          headers: headers(ts, slackSignature(SIGNING_SECRET, ts, body)),
        };
      },
    ],
    [
      'a timestamp 301 s in the past',
      () => {
        const body = form();
        const ts = String(now() - 301);
        return { body, headers: headers(ts, slackSignature(SIGNING_SECRET, ts, body)) };
      },
    ],
    [
      'a timestamp 301 s in the future',
      () => {
        const body = form();
        const ts = String(now() + 301);
        return { body, headers: headers(ts, slackSignature(SIGNING_SECRET, ts, body)) };
      },
    ],
    [
      'a v1= prefix',
      () => {
        const body = form();
        const ts = String(now());
        return { body, headers: headers(ts, slackSignature(SIGNING_SECRET, ts, body).replace('v0=', 'v1=')) };
      },
    ],
    [
      'a non-numeric timestamp',
      () => {
        const body = form();
        return { body, headers: headers('yesterday', slackSignature(SIGNING_SECRET, 'yesterday', body)) };
      },
    ],
    [
      'an empty body with a valid-looking header',
      () => ({ body: '', headers: headers(String(now()), `v0=${'0'.repeat(64)}`) }),
    ],
    [
      'a signature for another body',
      () => {
        const ts = String(now());
        return {
          body: form('status'),
          headers: headers(ts, slackSignature(SIGNING_SECRET, ts, form('help'))),
        };
      },
    ],
    [
      'a signature made with another secret',
      () => {
        const body = form();
        const ts = String(now());
        return { body, headers: headers(ts, slackSignature('0123456789abcdef0123456789abcdef', ts, body)) };
      },
    ],
    [
      'a replayed signature under a fresh timestamp',
      () => {
        const body = form();
        const old = String(now() - 600);
        return { body, headers: headers(String(now()), slackSignature(SIGNING_SECRET, old, body)) };
      },
    ],
    [
      'a signed interaction whose payload was swapped',
      () => {
        const ts = String(now());
        const signed = new URLSearchParams({
          payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'psa_cancel' }] }),
        }).toString();
        const swapped = new URLSearchParams({
          payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'psa_approve' }] }),
        }).toString();
        return { body: swapped, headers: headers(ts, slackSignature(SIGNING_SECRET, ts, signed)) };
      },
    ],
  ];

  it.each(forgeries)('refuses %s with 401 and reaches no handler', async (_name, build) => {
    const { body, headers: sent } = build();
    const response = await harness.sender.raw(body, sent);
    expect(response.status).toBe(401);
    await harness.surface.idle();
    expect(bot.intents).toEqual([]);
    expect(bot.claims).toBe(0);
    expect(harness.fake.calls).toEqual([]);
    expect(harness.fake.responses).toEqual([]);
  });

  it('accepts a genuine request at the edge of the window, and it reaches the core', async () => {
    const body = form('help');
    const ts = String(now() + 300);
    const response = await harness.sender.raw(body, headers(ts, slackSignature(SIGNING_SECRET, ts, body)));
    expect(response.status).toBe(200);
    await harness.surface.idle();
    expect(bot.claims).toBe(1);
    expect(bot.intents).toEqual([{ kind: 'help' }]);
  });

  it('does nothing twice when Slack retries a request (X-Slack-Retry-Num)', async () => {
    const claimed = new Set<string>();
    bot.claimOnce = async (key: string) => {
      bot.claims += 1;
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    };
    const body = form('status');
    await harness.sender.signed(body);
    await harness.sender.signed(body, 'application/x-www-form-urlencoded', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await harness.surface.idle();
    expect(bot.claims).toBe(2);
    expect(bot.intents).toEqual([{ kind: 'status' }]);
  });
});
