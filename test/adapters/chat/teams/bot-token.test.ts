import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentialsToken } from '../../../../adapters/chat/teams/bot-token.js';
import { Secret } from '../../../../src/domain/secret.js';
import { type FakeBotConnector, startFakeBotConnector } from '../../../fakes/bot-connector.js';
import { ManualClock } from '../../../fakes/manual-clock.js';

const appId = '11111111-2222-4333-8444-555555555555';
const password = 'token-test-secret';

describe('the bot’s own token (client credentials)', () => {
  let fake: FakeBotConnector;
  beforeAll(async () => {
    fake = await startFakeBotConnector({ appId, appPassword: password });
  });
  afterAll(async () => fake.close());

  const source = (clock: ManualClock, secret = password) =>
    clientCredentialsToken({
      authority: fake.authority,
      tenantId: 'tenant-1',
      appId,
      appPassword: new Secret(secret),
      scope: 'https://api.botframework.com/.default',
      clock,
    });

  it('asks the authority once, shares the answer, and renews before expiry', async () => {
    const clock = new ManualClock();
    const tokens = source(clock);
    const before = fake.tokenRequests.length;
    const [a, b] = await Promise.all([tokens.token(), tokens.token()]);
    expect(a).toBe(b);
    expect(fake.tokenRequests.length - before).toBe(1);
    expect(fake.tokenRequests.at(-1)).toEqual({
      clientId: appId,
      scope: 'https://api.botframework.com/.default',
      tenant: 'tenant-1',
    });
    clock.advance(50 * 60_000);
    expect(await tokens.token()).toBe(a);
    clock.advance(6 * 60_000);
    expect(await tokens.token()).not.toBe(a);
    expect(fake.tokenRequests.length - before).toBe(2);
  });

  it('fails with the status only, never the secret', async () => {
    const error = await source(new ManualClock(), 'wrong-secret-CANARY')
      .token()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('bot token request failed with status 401');
    expect(JSON.stringify(error)).not.toContain('CANARY');
  });
});
