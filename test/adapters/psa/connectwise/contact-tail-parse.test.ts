/**
 * Where ConnectWise contact pages are parsed: off the event loop while pages remain to be asked
 * for, and on the event loop only for the list's last pages, while the pool is busy with another.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectWiseApi } from '../../../../adapters/psa/connectwise/connectwise-api.js';
import { listContacts } from '../../../../adapters/psa/connectwise/contact-listing.js';
import type { ContactPage } from '../../../../adapters/psa/connectwise/contact-page.js';
import { createFetchGuard } from '../../../../adapters/psa/shared/fetch-guard.js';

const PAGE_SIZE = 5;

/** Counts of 3 companies and `contacts` contacts; each page's body is its number. */
function fakeApi(contacts: number): ConnectWiseApi {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    count: (path) => Promise.resolve(path.includes('contacts') ? contacts : 3),
    numberedPageBytes: (_path, _query, page) => Promise.resolve(Buffer.from(String(page))),
    list: unused,
    listAll: unused,
    numberedPage: unused,
    firstPage: unused,
  };
}

/** A page of `length` elements (the last one short, so the list ends there) and no contacts kept. */
const pageOf = (length: number): ContactPage => ({ length, contacts: [], skipped: [] });

/** What every read here shares: two requests at a time, pages of PAGE_SIZE, nothing kept. */
function paging(workers: number) {
  return {
    batchSize: 1,
    pageSize: PAGE_SIZE,
    workers,
    concurrency: 2,
    judge: {
      entity: 'contact' as const,
      guard: createFetchGuard({ pageSize: PAGE_SIZE, maxPages: 50, maxRecords: 1_000 }),
      skips: { skip: () => {} },
    },
    deliver: async () => {},
  };
}

/** A promise the pool holds page 1 on, and what releases it (after 2 s at the latest). */
function held(): { readonly first: Promise<void>; readonly release: () => void } {
  let release: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    release = resolve;
  });
  const watchdog = setTimeout(release, 2_000);
  return {
    first,
    release: () => {
      clearTimeout(watchdog);
      release();
    },
  };
}

async function readAll(pages: number, workers: number) {
  const contacts = (pages - 1) * PAGE_SIZE + 1;
  const lengthOf = (bytes: Uint8Array) => (Number(Buffer.from(bytes).toString()) === pages ? 1 : PAGE_SIZE);
  const offThread: number[] = [];
  const inline: number[] = [];
  // Without the inline parser nothing releases page 1: `held` ends the test instead of hanging.
  const firstPage = held();
  await listContacts(fakeApi(contacts), [7, 8, 9], () => {}, {
    ...paging(workers),
    // The pool holds page 1 until every other page has been read: it stays busy throughout.
    parsePage: async (bytes) => {
      const page = Number(Buffer.from(bytes).toString());
      offThread.push(page);
      if (page === 1) await firstPage.first;
      return pageOf(lengthOf(bytes));
    },
    parseInline: (bytes) => {
      inline.push(Number(Buffer.from(bytes).toString()));
      if (inline.length + offThread.length === pages) firstPage.release();
      return pageOf(lengthOf(bytes));
    },
  });
  firstPage.release();
  return { offThread: offThread.sort((a, b) => a - b), inline: inline.sort((a, b) => a - b) };
}

describe('ConnectWise contacts: where pages are parsed', () => {
  it('parses off the event loop while pages remain to be asked for, however busy the pool is', async () => {
    const { offThread, inline } = await readAll(6, 2);
    // Pages 2-5 were read while page 1 was still being parsed, but more pages were still to go.
    expect(offThread).toEqual([1, 2, 3, 4, 5]);
    expect(inline).toEqual([6]);
  });

  it('parses the last pages on the event loop while the pool is busy with an earlier one', async () => {
    const { offThread, inline } = await readAll(3, 3);
    // All three pages are asked for at once: page 1 goes to the pool, 2 and 3 are parsed inline.
    expect(offThread).toEqual([1]);
    expect(inline).toEqual([2, 3]);
  });

  it('lets the last requests go out before it parses a page on the event loop', async () => {
    // As the session's limiter and undici do: one request at a time, each slot handed on as the
    // last response ends, and a request written to its socket a turn after it was given its slot.
    const events: string[] = [];
    const pages = 3;
    let slot: Promise<void> = Promise.resolve();
    const api: ConnectWiseApi = {
      ...fakeApi((pages - 1) * PAGE_SIZE + 1),
      numberedPageBytes: async (_path, _query, page) => {
        const previous = slot;
        let release: () => void = () => {};
        slot = new Promise((resolve) => {
          release = resolve;
        });
        await previous;
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`sent ${page}`);
        await new Promise((resolve) => setImmediate(resolve));
        release();
        return Buffer.from(String(page));
      },
    };
    const firstPage = held();
    await listContacts(api, [7, 8, 9], () => {}, {
      ...paging(3),
      // The pool holds page 1 until the end: the event loop parses the pages after it.
      parsePage: async (bytes) => {
        if (Number(Buffer.from(bytes).toString()) === 1) await firstPage.first;
        return pageOf(PAGE_SIZE);
      },
      parseInline: (bytes) => {
        const page = Number(Buffer.from(bytes).toString());
        events.push(`parsed ${page} inline`);
        if (page === pages) firstPage.release();
        return pageOf(page === pages ? 1 : PAGE_SIZE);
      },
    });
    firstPage.release();
    // Page 2 is parsed on the event loop only once page 3's request, given its slot as page 2's
    // response ended, has gone out.
    expect(events).toEqual(['sent 1', 'sent 2', 'sent 3', 'parsed 2 inline', 'parsed 3 inline']);
  });
});
