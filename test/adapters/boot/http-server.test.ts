import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from '../../../adapters/boot/http-server.js';
import type { HttpSurface } from '../../../adapters/chat/shared/http-surface.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };
let server: RunningHttpServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

function fakeSurface(): HttpSurface & { stopped: boolean; started: boolean } {
  return {
    name: 'fake',
    stopped: false,
    started: false,
    handles: (pathname) => pathname === '/fake/events',
    handle(req, res) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`fake saw ${req.method}`);
    },
    async start() {
      this.started = true;
    },
    async stop() {
      this.stopped = true;
    },
  };
}

describe('HTTP server', () => {
  it('serves the about, privacy and terms pages the Teams manifest links to', async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      surfaces: [],
      logger,
      checkDatabase: async () => true,
    });
    const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as {
      developer: Record<string, string>;
    };
    const paths = ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'].map(
      (field) => new URL(manifest.developer[field] ?? '').pathname,
    );
    expect(paths).toEqual(['/', '/privacy', '/terms']);
    for (const [path, heading] of [
      ['/', 'PSA import bot'],
      ['/privacy', 'Privacy'],
      ['/terms', 'Terms of use'],
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain(`<h1>${heading}</h1>`);
    }
    expect((await fetch(`${server.url}/privacy`, { method: 'POST' })).status).toBe(404);
  });

  it('answers /healthz, dispatches to surfaces and 404s the rest', async () => {
    const surface = fakeSurface();
    let databaseUp = true;
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      surfaces: [surface],
      logger,
      checkDatabase: async () => {
        if (!databaseUp) throw new Error('down');
        return true;
      },
    });
    expect(surface.started).toBe(true);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', surfaces: ['fake'] });

    databaseUp = false;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);

    const routed = await fetch(`${server.url}/fake/events?x=1`, { method: 'POST', body: '{}' });
    expect(await routed.text()).toBe('fake saw POST');
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
  });

  it('answers 500 when a surface throws, and stops surfaces on close', async () => {
    const surface = fakeSurface();
    surface.handle = () => {
      throw new Error('boom with secret xoxb-123');
    };
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      surfaces: [surface],
      logger,
      checkDatabase: async () => true,
    });
    const response = await fetch(`${server.url}/fake/events`, { method: 'POST' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('xoxb');
    await server.close();
    server = null;
    expect(surface.stopped).toBe(true);
  });
});
