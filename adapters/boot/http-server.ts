import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/ports/logger.js';
import type { HttpSurface } from '../chat/shared/http-surface.js';
import { LEGAL_PAGES } from './legal-pages.js';

export interface HttpServerOptions {
  readonly port: number;
  readonly host: string;
  readonly surfaces: readonly HttpSurface[];
  /** True when the database answers; `/healthz` says 503 otherwise. */
  readonly checkDatabase: () => Promise<boolean>;
  readonly logger: Logger;
}

export interface RunningHttpServer {
  /** `http://host:port` as bound (port 0 resolves to the real one). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), stops the surfaces. */
  close(graceMs?: number): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function route(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (pathname === '/healthz') {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'method not allowed' });
    const database = await options.checkDatabase().catch(() => false);
    return sendJson(res, database ? 200 : 503, {
      status: database ? 'ok' : 'unavailable',
      database: database ? 'ok' : 'down',
      surfaces: options.surfaces.map((s) => s.name),
    });
  }
  const surface = options.surfaces.find((candidate) => candidate.handles(pathname));
  const legal = LEGAL_PAGES[pathname];
  if (surface === undefined && legal !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(legal),
      'cache-control': 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : legal);
    return;
  }
  if (surface === undefined) return sendJson(res, 404, { error: 'not found' });
  await surface.handle(req, res);
}

/**
 * The one HTTP server: `/healthz`, the mounted chat surfaces, the about, privacy and terms pages a
 * Teams package links to, 404 for everything else.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server: Server = createServer((req, res) => {
    route(options, req, res).catch((error: unknown) => {
      // A surface must answer its own errors; this is the last line so no request hangs.
      options.logger.error(
        { errorName: (error as Error).name, path: req.url?.split('?')[0] },
        'request failed',
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  // Slow clients must not hold sockets forever; Slack and Teams send small bodies quickly.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  for (const surface of options.surfaces) await surface.start?.();
  options.logger.info(
    { port: address.port, host: options.host, surfaces: options.surfaces.map((s) => s.name) },
    'HTTP server listening',
  );

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        await closed;
        clearTimeout(force);
        for (const surface of options.surfaces) {
          await surface.stop().catch((error: unknown) => {
            options.logger.warn(
              { surface: surface.name, errorName: (error as Error).name },
              'surface did not stop cleanly',
            );
          });
        }
      })();
      return closing;
    },
  };
}
