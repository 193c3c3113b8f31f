import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportBot } from '../../src/app/bot-api.js';
import type { Intent } from '../../src/app/intents.js';
import type { View } from '../../src/app/views.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { ALICE, CHANNEL, fetchTask, message, postActivity } from '../support/teams-activities.js';
import { APP_ID, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

/** A core stand-in that records every call: "no handler ran" means it saw nothing. */
function recordingBot(calls: Intent[]): ImportBot {
  return {
    async handle(_actor, intent): Promise<View> {
      calls.push(intent);
      return { kind: 'status', open: [], integrations: [] };
    },
    async claimOnce() {
      return true;
    },
  };
}

describe('Teams token validation (real HTTP, local key set)', () => {
  const calls: Intent[] = [];
  let harness: TeamsHarness;

  beforeAll(async () => {
    harness = await startTeamsHarness({ bot: recordingBot(calls), clock: new ManualClock() });
  });
  afterAll(async () => harness.close());

  const activity = () => fetchTask(ALICE, { serviceUrl: harness.connector.serviceUrl });

  it('accepts a valid token and runs the handler', async () => {
    const answer = await postActivity(harness.botUrl, activity(), await harness.token());
    expect(answer.status).toBe(200);
    expect(calls.length).toBeGreaterThan(0);
  });

  const negatives: [
    string,
    (h: TeamsHarness) => Promise<{ token: string | null; authorization?: string; body?: unknown }>,
  ][] = [
    ['a missing Authorization header', async () => ({ token: null })],
    ['the wrong scheme', async (h) => ({ token: null, authorization: `Basic ${await h.token()}` })],
    ['alg none', async (h) => ({ token: h.connector.unsignedToken(APP_ID) })],
    [
      'the wrong issuer',
      async (h) => ({ token: await h.connector.signToken(APP_ID, { issuer: 'https://evil.example' }) }),
    ],
    [
      'the wrong audience',
      async (h) => ({ token: await h.connector.signToken('99999999-2222-4333-8444-555555555555') }),
    ],
    ['an expired token', async (h) => ({ token: await h.connector.signToken(APP_ID, { expiresIn: -3600 }) })],
    [
      'a token not yet valid',
      async (h) => ({ token: await h.connector.signToken(APP_ID, { notBefore: 3600 }) }),
    ],
    [
      'an unknown key id',
      async (h) => ({ token: await h.connector.signToken(APP_ID, { keyId: 'not-published' }) }),
    ],
    [
      'a signature by another key under the published key id',
      async (h) => ({ token: await h.connector.signToken(APP_ID, { signWithOtherKey: true }) }),
    ],
    [
      'a serviceurl claim that does not match the activity',
      async (h) => ({
        token: await h.connector.signToken(APP_ID, { serviceUrl: 'https://smba.trafficmanager.net/amer/' }),
      }),
    ],
    [
      'no serviceurl claim',
      async (h) => ({ token: await h.connector.signToken(APP_ID, { serviceUrl: null }) }),
    ],
  ];

  it.each(negatives)('rejects %s with 401 before any handler', async (_name, make) => {
    const before = calls.length;
    const sentBefore = harness.connector.sent.length;
    const { token, authorization } = await make(harness);
    const answer = await postActivity(
      harness.botUrl,
      message(ALICE, 'status', { serviceUrl: harness.connector.serviceUrl, conversationId: CHANNEL }),
      token,
      authorization,
    );
    expect(answer.status).toBe(401);
    expect(calls.length).toBe(before);
    expect(harness.connector.sent.length).toBe(sentBefore);
  });

  it('rejects a body that is not an activity before the token is even looked at', async () => {
    const answer = await postActivity(harness.botUrl, { hello: 'world' }, await harness.token());
    expect(answer.status).toBe(400);
  });
});
