/**
 * The order ConnectWise contact requests go out in, seen by a loopback server that holds its
 * answers on purpose: the counts and the first pages leave together, pages are pipelined (a held
 * page does not stop the others), no page past the count plus its margin is asked for, and the
 * session's bound on requests in flight holds throughout.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPsaGateway } from '../../../../adapters/psa/gateway.js';
import { isAppError } from '../../../../src/domain/errors.js';
import type { PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { gather } from '../shared/gather.js';

const PAGE_SIZE = 50;
const PREFIX = '/v2026_1/apis/3.0';

interface Arrival {
  /** `count` for a `/count`, else the page number asked for. */
  readonly what: 'companies-count' | 'contacts-count' | number;
  /** Answers already sent when this request arrived. */
  readonly answeredBefore: number;
}

interface FakeOptions {
  readonly contacts: number;
  /** Answers pages past the count with full pages, as a server that never ends would. */
  readonly endless?: boolean;
  /** Holds an answer until `release` says so (checked at every arrival), or for 2 s at most. */
  readonly hold?: (
    what: Arrival['what'],
    arrivals: readonly Arrival[],
  ) => ((all: readonly Arrival[]) => boolean) | null;
}

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function startFake(options: FakeOptions) {
  const arrivals: Arrival[] = [];
  const waiting: Array<{ ready: (all: readonly Arrival[]) => boolean; send: () => void }> = [];
  let answered = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const releasedByTimeout: Array<Arrival['what']> = [];

  const contact = (id: number) => ({
    id,
    firstName: 'Ann',
    lastName: `Lee ${id}`,
    company: { id: (id % 60) + 1 },
    communicationItems: [{ value: `ann${id}@example.com`, defaultFlag: true, communicationType: 'Email' }],
  });

  function body(url: URL, what: Arrival['what']): unknown {
    if (what === 'companies-count') return { count: 60 };
    if (what === 'contacts-count') return { count: options.contacts };
    const page = what as number;
    const from = (page - 1) * PAGE_SIZE + 1;
    const to =
      options.endless === true ? from + PAGE_SIZE - 1 : Math.min(options.contacts, from + PAGE_SIZE - 1);
    expect(url.searchParams.get('pageSize')).toBe(String(PAGE_SIZE));
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => contact(from + index));
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.slice(PREFIX.length);
    const what: Arrival['what'] =
      path === '/company/companies/count'
        ? 'companies-count'
        : path === '/company/contacts/count'
          ? 'contacts-count'
          : Number(url.searchParams.get('page'));
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const arrival = { what, answeredBefore: answered };
    arrivals.push(arrival);
    const send = () => {
      answered += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body(url, what)));
    };
    const ready = options.hold?.(what, arrivals) ?? null;
    if (ready === null) send();
    else {
      const entry = { ready, send };
      waiting.push(entry);
      setTimeout(() => {
        const index = waiting.indexOf(entry);
        if (index < 0) return;
        waiting.splice(index, 1);
        releasedByTimeout.push(what);
        send();
      }, 2_000).unref();
    }
    for (const entry of [...waiting]) {
      if (!entry.ready(arrivals)) continue;
      waiting.splice(waiting.indexOf(entry), 1);
      entry.send();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => server.close() });
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { site, arrivals, releasedByTimeout, maxInFlight: () => maxInFlight };
}

async function fetchContacts(site: string) {
  const session = createPsaGateway({
    timeoutMs: 10_000,
    maxAttempts: 1,
    providers: { connectwise: { pageSize: PAGE_SIZE, contactBatchSize: 10, concurrency: 4 } },
  }).open(
    'connectwise',
    new Secret({
      site,
      companyId: 'acmemsp',
      publicKey: 'pub',
      privateKey: 'private',
      clientId: 'client',
      codebase: 'v2026_1',
    }),
  );
  // Sixty companies, more than four batches' worth: most of the PSA, so the whole list is read.
  const ids = Array.from({ length: 60 }, (_, index) => index + 1);
  return gather<PsaContact>((sink) => session.fetchContacts(ids, () => {}, sink));
}

const pagesOf = (arrivals: readonly Arrival[]) =>
  arrivals.map((arrival) => arrival.what).filter((what): what is number => typeof what === 'number');

describe('ConnectWise contacts: the request plan', () => {
  it('sends both counts and the first pages together, before any answer', async () => {
    // Nothing is answered until four requests are in: a client waiting on the counts would
    // send two and wait (released by the 2 s timeout instead).
    const fake = await startFake({ contacts: 230, hold: () => (all) => all.length >= 4 });
    const contacts = await fetchContacts(fake.site);

    expect(contacts).toHaveLength(230);
    expect(fake.releasedByTimeout).toEqual([]);
    const first = fake.arrivals.slice(0, 4);
    expect(first.map((arrival) => arrival.answeredBefore)).toEqual([0, 0, 0, 0]);
    expect(first.map((arrival) => String(arrival.what)).sort()).toEqual([
      '1',
      '2',
      'companies-count',
      'contacts-count',
    ]);
    // Then exactly the pages the count calls for, each once.
    expect(pagesOf(fake.arrivals).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(fake.maxInFlight()).toBe(4);
  });

  it('keeps the other slots busy while one page is held (a pipeline, not rounds)', async () => {
    // Page 3 is answered only once every other page has arrived: in rounds of four, pages 7 and
    // on would wait for it.
    const fake = await startFake({
      contacts: 490,
      hold: (what) => (what === 3 ? (all) => pagesOf(all).length >= 10 : null),
    });
    const contacts = await fetchContacts(fake.site);

    expect(contacts).toHaveLength(490);
    expect(fake.releasedByTimeout).toEqual([]);
    expect(pagesOf(fake.arrivals).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('starts the counted pages as soon as the counts are in, not once the early pages are', async () => {
    const fake = await startFake({
      contacts: 490,
      hold: (what) => (what === 1 ? (all) => pagesOf(all).length >= 10 : null),
    });
    const contacts = await fetchContacts(fake.site);

    expect(contacts).toHaveLength(490);
    expect(fake.releasedByTimeout).toEqual([]);
  });

  it('asks for no page past the count plus its margin when the server never ends', async () => {
    const fake = await startFake({ contacts: 230, endless: true });
    const failure = await fetchContacts(fake.site).then(
      () => null,
      (error: unknown) => error,
    );

    expect(isAppError(failure) && failure.code).toBe('psa_invalid_response');
    // 230 counted + a page's margin = 280 records: page 6 is the last one that may be read.
    expect(Math.max(...pagesOf(fake.arrivals))).toBeLessThanOrEqual(6);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(4);
  });
});
