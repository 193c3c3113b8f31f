/**
 * listCompanies splits what follows the first page into id ranges read in parallel. The first
 * page's delivery (mapping it costs CPU on the event loop) waits until every range has been asked
 * for, so it overlaps their round trip instead of holding their requests back.
 */
import { describe, expect, it } from 'vitest';
import { listCompanies } from '../../../../adapters/psa/connectwise/company-listing.js';
import type { ConnectWiseApi, ListPaging } from '../../../../adapters/psa/connectwise/connectwise-api.js';
import type { CwCompany } from '../../../../adapters/psa/connectwise/schemas.js';
import { createFetchGuard } from '../../../../adapters/psa/shared/fetch-guard.js';

const PAGE_SIZE = 4;
const company = (id: number): CwCompany => ({ id, name: `Company ${id}` });

/** A PSA of ids 1..total: the first page links a next one; each range answers one page at once. */
function fakeApi(total: number, events: string[]): ConnectWiseApi {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    count: unused,
    numberedPageBytes: unused,
    listAll: unused,
    numberedPage: unused,
    firstPage: async () => ({
      rows: Array.from({ length: PAGE_SIZE }, (_, index) => company(index + 1)) as never[],
      more: true,
    }),
    async list<T>(_path: string, query: { conditions?: string }, _schema: unknown, paging?: ListPaging<T>) {
      const after = Number(/id > (\d+)/.exec(query.conditions ?? '')?.[1]);
      const upTo = Number(/id <= (\d+)/.exec(query.conditions ?? '')?.[1] ?? total);
      events.push(`range after ${after} asked`);
      // The request's own microtasks before it leaves (URL, limiter, dispatch).
      for (let hop = 0; hop < 10; hop += 1) await Promise.resolve();
      events.push(`range after ${after} sent`);
      const rows = [];
      for (let id = after + 1; id <= upTo; id += 1) rows.push(company(id));
      await paging?.onPage?.(rows as T[]);
    },
  };
}

describe('listCompanies', () => {
  it('asks for every range before the first page is delivered, and delivers every company once', async () => {
    const events: string[] = [];
    const ids: number[] = [];
    await listCompanies(
      fakeApi(20, events),
      { conditions: 'deletedFlag = false' },
      {
        counting: Promise.resolve(20),
        onPage: async (page) => {
          events.push(`delivered from ${page[0]?.id}`);
          for (const row of page) ids.push(row.id);
        },
        judge: {
          entity: 'company',
          guard: createFetchGuard({ pageSize: PAGE_SIZE, maxPages: 50, maxRecords: 1_000 }),
          skips: { skip: () => {} },
        },
        pageSize: PAGE_SIZE,
        concurrency: 4,
        workers: 8,
      },
    );
    const firstDelivered = events.indexOf('delivered from 1');
    const sent = events.filter((event) => event.endsWith('sent'));
    expect(sent).toHaveLength(4);
    for (const event of sent) expect(events.indexOf(event)).toBeLessThan(firstDelivered);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });
});
