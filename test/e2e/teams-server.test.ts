import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/boot/config/load.js';
import { runServerMode } from '../../adapters/boot/server-mode.js';
import { silentLogger } from '../../adapters/log/create-logger.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { ALICE, CAROL, fetchTask, postActivity, TENANT } from '../support/teams-activities.js';
import { inputsOf, type Json, textOf } from '../support/teams-cards.js';
import { answerCard } from '../support/teams-driver.js';
import { APP_ID, APP_PASSWORD } from '../support/teams-harness.js';

/**
 * `npm start` with the Teams credentials: the composition root mounts Teams at /api/messages on
 * the one HTTP server, with token validation on. Only the endpoints Microsoft would serve are
 * pointed at the local fake.
 */
describe('server mode with Teams configured', () => {
  let dir: string;
  let connector: FakeBotConnector;
  let url = '';
  const controller = new AbortController();
  let exit: Promise<number>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psa-teams-server-'));
    connector = await startFakeBotConnector({ appId: APP_ID, appPassword: APP_PASSWORD });
    const config = loadConfig(
      {
        DATABASE_URL: join(dir, 'server.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        BOOTSTRAP_ADMINS: `teams:${TENANT}:${ALICE.aadObjectId}:Alice`,
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: APP_PASSWORD,
        TEAMS_TENANT_ID: TENANT,
        TEAMS_OPENID_METADATA_URL: connector.openIdMetadataUrl,
        TEAMS_LOGIN_AUTHORITY: connector.authority,
        TEAMS_SERVICE_URL_HOSTS: '127.0.0.1',
      },
      dir,
    );
    let onListening: (bound: string) => void = () => {};
    const listening = new Promise<string>((resolve) => {
      onListening = resolve;
    });
    exit = runServerMode({
      config,
      logger: silentLogger(),
      sandbox: false,
      signal: controller.signal,
      onListening,
    });
    url = await Promise.race([listening, exit.then((code) => Promise.reject(new Error(`exited ${code}`)))]);
  });
  afterAll(async () => {
    controller.abort();
    await exit;
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists Teams among the surfaces and answers its admins at /api/messages', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ surfaces: ['teams', 'api'] });
    const token = await connector.signToken(APP_ID);
    const alice = await postActivity(url, fetchTask(ALICE, { serviceUrl: connector.serviceUrl }), token);
    expect(alice.status).toBe(200);
    expect(inputsOf(answerCard(alice.body) as Json).map((input) => input.id)).toContain('provider');
    const carol = await postActivity(url, fetchTask(CAROL, { serviceUrl: connector.serviceUrl }), token);
    expect(textOf(answerCard(carol.body) as Json)).toContain('Only admins of this workspace');
  });

  it('rejects an activity without a valid token', async () => {
    const answer = await postActivity(url, fetchTask(ALICE, { serviceUrl: connector.serviceUrl }), null);
    expect(answer.status).toBe(401);
    const forged = await postActivity(
      url,
      fetchTask(ALICE, { serviceUrl: connector.serviceUrl }),
      await connector.signToken(APP_ID, { signWithOtherKey: true }),
    );
    expect(forged.status).toBe(401);
  });
});
