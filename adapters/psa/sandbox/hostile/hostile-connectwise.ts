/**
 * A misbehaving ConnectWise on loopback, for the tests and `npm run bench -- hostile`: the
 * endpoints a company fetch needs (statuses, count) answer normally, and the company list answers
 * with one chosen abuse. Big bodies are streamed in chunks, never built in memory, and stop when
 * the client goes away.
 *
 *   const psa = await startHostileConnectWise('huge-array');
 *   gateway.open('connectwise', new Secret(psa.credentials));
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOSTILE_CASES = [
  /** 10 million tiny elements (20 MB). */
  'huge-array',
  /** Every page links a new next page; `/count` says 5. */
  'endless-links',
  /** A 500 MB company name. */
  'huge-body',
  /** A 100,000-character company name. */
  'long-name',
  /** A NUL in a company name. */
  'nul-name',
  /** Headers, then one byte a second. */
  'drip',
  /** The given records as they are (contract tests). */
  'records',
] as const;
export type HostileCase = (typeof HOSTILE_CASES)[number];

export interface HostileConnectWise {
  readonly credentials: Readonly<Record<string, string>>;
  /** Requests to the company list so far. */
  listRequests(): number;
  close(): Promise<void>;
}

const CODEBASE = 'v2026_1/';
const PREFIX = `/${CODEBASE}apis/3.0`;

/** Writes `count` copies of `chunk`, waiting for the socket to drain; stops if the client leaves. */
async function stream(res: ServerResponse, chunk: string, count: number): Promise<void> {
  const buffer = Buffer.from(chunk);
  for (let i = 0; i < count && !res.destroyed; i += 1) {
    if (!res.write(buffer)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
}

function company(id: number, name: string): string {
  return JSON.stringify({ id, identifier: `C${id}`, name, status: { id: 1, name: 'Active' }, types: [] });
}

export async function startHostileConnectWise(
  mode: HostileCase,
  records: readonly unknown[] = [],
): Promise<HostileConnectWise> {
  let listRequests = 0;
  const timers = new Set<NodeJS.Timeout>();

  async function list(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    listRequests += 1;
    res.setHeader('content-type', 'application/json');
    switch (mode) {
      case 'huge-array': {
        res.write('[0');
        await stream(res, ',0'.repeat(10_000), 1_000);
        res.end(']');
        return;
      }
      case 'endless-links': {
        const after = Number(url.searchParams.get('pageId') ?? '0') || listRequests * 1_000_000;
        const next = new URL(url.href);
        next.searchParams.set('pageId', String(after + 1));
        res.setHeader('link', `<${next.href}>; rel="next"`);
        res.end(`[${company(after + 1, `Company ${after + 1}`)}]`);
        return;
      }
      case 'huge-body': {
        res.write('[{"id":1,"identifier":"C1","name":"');
        await stream(res, 'x'.repeat(1 << 20), 500);
        res.end('"}]');
        return;
      }
      case 'long-name':
        res.end(`[${company(1, 'L'.repeat(100_000))}]`);
        return;
      case 'nul-name':
        res.end(`[${company(1, 'Acme\u0000 Corp')}]`);
        return;
      case 'drip': {
        res.flushHeaders();
        const body = `[${company(1, 'Slow Co')}]`;
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= body.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body[sent]);
          sent += 1;
        }, 1_000);
        timers.add(timer);
        req.on('close', () => clearInterval(timer));
        return;
      }
      case 'records':
        res.end(JSON.stringify(records));
        return;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    res.on('error', () => {});
    if (path === '/company/companies/statuses') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify([{ id: 1, name: 'Active', inactiveFlag: false }]));
    } else if (path === '/company/companies/types') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify([{ id: 1, name: 'Client' }]));
    } else if (path.endsWith('/count')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count: mode === 'records' ? records.length : 5 }));
    } else if (path === '/company/companies' || path === '/company/contacts') {
      list(req, res, new URL(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`)).catch(() => {
        res.destroy();
      });
    } else {
      res.statusCode = 404;
      res.end('{"code":"NotFound","message":"Not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const site = `http://127.0.0.1:${port}`;
  return {
    credentials: {
      site,
      companyId: 'hostile',
      publicKey: 'public',
      privateKey: 'private',
      clientId: 'client',
      codebase: CODEBASE,
    },
    listRequests: () => listRequests,
    async close() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
