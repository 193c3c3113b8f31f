import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/boot/config/load.js';
import { runServerMode } from '../../../adapters/boot/server-mode.js';
import type { SurfaceContext, SurfaceFactory } from '../../../adapters/boot/surfaces.js';
import { silentLogger } from '../../../adapters/log/create-logger.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'psa-server-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('server mode', () => {
  it('serves health and the enabled surfaces until told to stop', async () => {
    const config = loadConfig(
      { DATABASE_URL: join(dir, 'server.db'), PORT: '0', HOST: '127.0.0.1', BOOTSTRAP_ADMINS: 'slack:T1:U1' },
      dir,
    );
    const events: string[] = [];
    const seen: { context: SurfaceContext | null } = { context: null };
    const echo: SurfaceFactory = {
      name: 'echo',
      enabled: () => true,
      async create(ctx) {
        seen.context = ctx;
        return {
          name: 'echo',
          handles: (pathname) => pathname === '/echo',
          handle: (_req, res) => {
            res.end('echoed');
          },
          start: async () => {
            events.push('start');
          },
          stop: async () => {
            events.push('stop');
          },
        };
      },
    };
    const disabled: SurfaceFactory = {
      name: 'off',
      enabled: () => false,
      create: () => Promise.reject(new Error('must not be created')),
    };
    const controller = new AbortController();
    let onListening: (url: string) => void = () => {};
    const listening = new Promise<string>((resolve) => {
      onListening = resolve;
    });
    const exit = runServerMode({
      config,
      logger: silentLogger(),
      sandbox: false,
      signal: controller.signal,
      factories: [echo, disabled],
      onListening: (bound) => onListening(bound),
    });
    // If start-up fails, fail here instead of waiting for a URL that never comes.
    const url = await Promise.race([
      listening,
      exit.then((code) => Promise.reject(new Error(`exited ${code}`))),
    ]);

    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({
      status: 'ok',
      database: 'ok',
      // The read API (issue 13) is mounted after the chat surfaces.
      surfaces: ['echo', 'api'],
    });
    expect(await (await fetch(`${url}/echo`)).text()).toBe('echoed');
    expect((await fetch(`${url}/slack/events`)).status).toBe(404);
    // The surface sees the core: the bootstrap admin's workspace answers as a tenant.
    const view = await seen.context?.bot.handle(
      { platform: 'slack', workspaceId: 'T1', userId: 'U1', displayName: 'U' },
      { kind: 'licenses' },
    );
    expect(view?.kind).toBe('licenses');

    controller.abort();
    expect(await exit).toBe(0);
    expect(events).toEqual(['start', 'stop']);
  });
});
