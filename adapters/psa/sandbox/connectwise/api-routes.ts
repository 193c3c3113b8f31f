/**
 * The sandbox's ConnectWise endpoints, as a pure function of the data set and the request:
 * collections with `conditions` / `childConditions` / `fields`, forward-only paging (`pageId`
 * cursor and a `Link` rel="next") or page-number paging (`page`, `orderBy`, `Link` next/prev/last),
 * and `/count`. Auth, faults and latency are the server's job (sandbox-connectwise.ts).
 */
import { type CompiledConditions, ConditionError, compileConditions } from './condition-engine.js';
import { errorJson } from './faults.js';
import { type Collection, createIndexes, createPageSerializer } from './record-store.js';
import type { SandboxDataset } from './records.js';

export interface RouteResult {
  readonly status: number;
  /** One string, chunks written in order (big pages), or bytes kept from an earlier answer. */
  readonly body: string | readonly string[] | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PagingBehaviour {
  /** 'page-numbers-only' mimics an old server: ignores forward-only and sends no Link header. */
  readonly paging: 'standard' | 'page-numbers-only';
}

const set = (...items: string[]) => new Set(items);

function collections(data: SandboxDataset): ReadonlyMap<string, Collection> {
  const none = set();
  return new Map<string, Collection>([
    [
      '/company/companies',
      {
        records: data.companies,
        fields: set(
          'id',
          'identifier',
          'name',
          'deletedFlag',
          'status/id',
          'status/name',
          'city',
          '_info/lastUpdated',
        ),
        childFields: set('types/id', 'types/name'),
        indexed: ['id'],
      },
    ],
    [
      '/company/contacts',
      {
        records: data.contacts,
        fields: set(
          'id',
          'firstName',
          'lastName',
          'inactiveFlag',
          'company/id',
          'company/identifier',
          'company/name',
        ),
        childFields: set('types/id', 'types/name'),
        indexed: ['company/id'],
      },
    ],
    [
      '/company/companies/statuses',
      {
        records: data.statuses,
        fields: set('id', 'name', 'inactiveFlag', 'defaultFlag'),
        childFields: none,
        indexed: [],
      },
    ],
    [
      '/company/companies/types',
      {
        records: data.types,
        fields: set('id', 'name', 'defaultFlag', 'vendorFlag'),
        childFields: none,
        indexed: [],
      },
    ],
  ]);
}

const json = (status: number, value: unknown, headers?: Record<string, string>): RouteResult => ({
  status,
  body: JSON.stringify(value),
  ...(headers === undefined ? {} : { headers }),
});
const badRequest = (message: string): RouteResult => ({ status: 400, body: errorJson(400, message) });

function intParam(url: URL, name: string, fallback: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

function sortBy(records: readonly object[], orderBy: string | null): readonly object[] | null {
  const [field = 'id', direction = 'asc'] = (orderBy ?? 'id asc').trim().split(/\s+/);
  if (!['id', 'name'].includes(field) || !['asc', 'desc'].includes(direction.toLowerCase())) return null;
  // The store keeps records by id already: no sort per request for the usual `id asc`.
  if (field === 'id' && direction.toLowerCase() === 'asc') return records;
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  const key = (record: object) => (record as Record<string, string | number>)[field] ?? '';
  return [...records].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}

/** The first `size` matches with an id above `after` (records are sorted by id), and whether more follow. */
function pageAfter(
  records: readonly object[],
  after: number,
  size: number,
  matches: (record: object) => boolean,
) {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((records[mid] as { id: number }).id <= after) low = mid + 1;
    else high = mid;
  }
  const page: object[] = [];
  for (let index = low; index < records.length; index += 1) {
    const record = records[index] as object;
    if (!matches(record)) continue;
    if (page.length === size) return { page, more: true };
    page.push(record);
  }
  return { page, more: false };
}

export function createApiRoutes(data: SandboxDataset, behaviour: PagingBehaviour) {
  const table = collections(data);
  const candidatesFor = createIndexes(table);
  const serializePage = createPageSerializer(table);
  // Page-number paging filters and orders the whole collection for every page; a client reading
  // 50 pages of one query would make the sandbox redo that 50 times. The last few answers are kept
  // (the data set never changes).
  const recent = new Map<string, readonly object[]>();
  const ordered = (key: string, compute: () => readonly object[] | null): readonly object[] | null => {
    const hit = recent.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (value === null) return null;
    if (recent.size >= 8) recent.delete(recent.keys().next().value as string);
    recent.set(key, value);
    return value;
  };

  return function route(path: string, url: URL, forwardOnlyHeader: boolean, linkBase: string): RouteResult {
    const isCount = path.endsWith('/count');
    const collectionPath = isCount ? path.slice(0, -'/count'.length) : path;
    const collection = table.get(collectionPath);
    if (collection === undefined) return { status: 404, body: errorJson(404) };

    let predicate: CompiledConditions;
    let child: CompiledConditions;
    try {
      predicate = compileConditions(url.searchParams.get('conditions') ?? '', collection.fields);
      child = compileConditions(url.searchParams.get('childConditions') ?? '', collection.childFields);
    } catch (error) {
      if (error instanceof ConditionError) return badRequest(`Invalid conditions: ${error.message}`);
      throw error;
    }
    const matches = (record: object) => predicate.matches(record) && child.matches(record);
    const source = candidatesFor(collectionPath, predicate.keyHint) ?? collection.records;
    if (isCount) return json(200, { count: source.filter(matches).length });

    const requested = intParam(url, 'pageSize', 25);
    if (requested === null || requested < 1) return badRequest('pageSize must be a positive number');
    const pageSize = Math.min(requested, 1000);
    const fields = url.searchParams.get('fields');
    const linkFor = (params: Record<string, string>) => {
      const next = new URL(`${linkBase}${url.pathname}${url.search}`);
      for (const [key, value] of Object.entries(params)) next.searchParams.set(key, value);
      return next.href;
    };

    if (forwardOnlyHeader && behaviour.paging === 'standard') {
      // Forward-only: always by id, resuming after the last id the client saw.
      const after = intParam(url, 'pageId', 0);
      if (after === null) return badRequest('pageId must be a number');
      const { page, more } = pageAfter(source, after, pageSize, matches);
      const last = page[page.length - 1] as { id: number } | undefined;
      const headers: Record<string, string> =
        more && last !== undefined ? { link: `<${linkFor({ pageId: String(last.id) })}>; rel="next"` } : {};
      return { status: 200, body: serializePage(page, fields), headers };
    }

    const pageNumber = intParam(url, 'page', 1);
    if (pageNumber === null || pageNumber < 1) return badRequest('page must be a positive number');
    const conditions = url.searchParams.get('conditions') ?? '';
    const childConditions = url.searchParams.get('childConditions') ?? '';
    const orderBy = url.searchParams.get('orderBy');
    const list = ordered([collectionPath, conditions, childConditions, orderBy].join('\n'), () =>
      sortBy(conditions === '' && childConditions === '' ? source : source.filter(matches), orderBy),
    );
    if (list === null) return badRequest('Unsupported orderBy');
    const page = list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const lastPage = Math.max(1, Math.ceil(list.length / pageSize));
    const links: string[] = [];
    if (behaviour.paging === 'standard') {
      if (pageNumber < lastPage) links.push(`<${linkFor({ page: String(pageNumber + 1) })}>; rel="next"`);
      if (pageNumber > 1)
        links.push(
          `<${linkFor({ page: String(pageNumber - 1) })}>; rel="prev"`,
          `<${linkFor({ page: '1' })}>; rel="first"`,
        );
      links.push(`<${linkFor({ page: String(lastPage) })}>; rel="last"`);
    }
    return {
      status: 200,
      body: serializePage(page, fields),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  };
}
