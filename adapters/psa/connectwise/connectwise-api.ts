/**
 * ConnectWise transport: base URL (with codebase discovery), the headers every call carries, and
 * the two read patterns the provider needs: `count` and `list` (every page of a collection).
 *
 * Paging: each list starts forward-only (`pagination-type: forward-only`) and follows the `Link`
 * rel="next" URL, after checking it stays on the API origin, until there is none. A server that
 * ignores forward-only answers a full page without a `Link`: we then switch to `page=N` (ordered
 * by id) and stop at the first short page.
 *
 * Codebase: the one the admin typed; else one detected earlier for the same site and company
 * (codebase-cache.ts), which saves the round trip every other request waits for; else detected
 * now. A kept codebase that has gone stale (the site was upgraded) answers 404 or a redirect: it
 * is then forgotten, detected again, and the failed request is sent once more on the new one.
 */
import { z } from 'zod';
import { isAppError } from '../../../src/domain/errors.js';
import type { Secret } from '../../../src/domain/secret.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { SkippedRecord } from '../../../src/ports/psa-gateway.js';
import { assertSameOrigin } from '../shared/base-url.js';
import { createFetchGuard, type FetchGuard, PAGE_MARGIN } from '../shared/fetch-guard.js';
import { invalidResponse } from '../shared/invalid-response.js';
import type { PsaHttp } from '../shared/psa-http.js';
import { type RecordShape, type SkipSink, validateRecords } from '../shared/record-validation.js';
import { psaStatusOf } from '../shared/status-cause.js';
import { type CodebaseCache, codebaseKey } from './codebase-cache.js';
import { type ConnectWiseSite, FALLBACK_CODEBASE, normaliseCodebase } from './connectwise-site.js';
import { nextLink } from './link-header.js';
import { companyInfoSchema, countSchema } from './schemas.js';

/** Pinned so a server upgrade cannot change the shapes under us. */
export const CONNECTWISE_ACCEPT = 'application/vnd.connectwise.com+json; version=2026.4';

/** One key for every ConnectWise call: the bound is on the whole site, not per endpoint. */
export const CONNECTWISE_ENDPOINT_KEY = 'connectwise';

export interface ListQuery {
  readonly conditions?: string;
  readonly childConditions?: string;
  readonly fields?: string;
}

export interface ConnectWiseApiOptions {
  readonly site: ConnectWiseSite;
  readonly companyId: string;
  /** Typed by the admin (already normalised); null to discover it. */
  readonly codebase: string | null;
  /** Codebases detected by earlier sessions of the same bot; without it, every session detects. */
  readonly codebaseCache?: CodebaseCache;
  /** The complete `Authorization` header value. */
  readonly authorization: Secret<string>;
  readonly clientId: string;
  readonly http: PsaHttp;
  readonly pageSize: number;
  /** A runaway paging loop ends as an invalid response instead of running forever. */
  readonly maxPages: number;
  readonly logger?: Logger;
}

/** Records one fetch may bring at most: far beyond any MSP's PSA, far below running out of memory. */
export const MAX_RECORDS_PER_FETCH = 500_000;

export interface ConnectWiseApi {
  count(path: string, query: ListQuery): Promise<number>;
  /** Every page of a collection, each validated record by record and handed to `paging.onPage`. */
  list<T extends Identified>(
    path: string,
    query: ListQuery,
    schema: RecordShape<T>,
    paging?: ListPaging<T>,
  ): Promise<void>;
  /** Every record of a small collection (statuses, types), gathered. */
  listAll<T extends Identified>(path: string, query: ListQuery, schema: RecordShape<T>): Promise<T[]>;
  /** One page by number (`orderBy=id asc`), for parallel paging of a counted collection. */
  numberedPage<T extends Identified>(
    path: string,
    query: ListQuery,
    schema: RecordShape<T>,
    page: number,
    judge: PageJudge,
  ): Promise<T[]>;
  /**
   * One page by number as the body's bytes (the body cap and value count applied), for a parser
   * off the event loop; the caller judges its length and records.
   */
  numberedPageBytes(path: string, query: ListQuery, page: number): Promise<Buffer>;
  /** One forward-only page; `more` when the server linked a next one. */
  firstPage<T extends Identified>(
    path: string,
    query: ListQuery,
    schema: RecordShape<T>,
    judge: PageJudge,
  ): Promise<{ readonly rows: T[]; readonly more: boolean }>;
}

/** Every ConnectWise record has a numeric id; paging relies on it. */
export interface Identified {
  readonly id: number;
}

/** How a fetch judges its pages: its bounds, and where skipped records are reported. */
export interface PageJudge {
  readonly entity: SkippedRecord['entity'];
  readonly guard: FetchGuard;
  readonly skips: SkipSink;
}

export interface ListPaging<T> {
  /** Awaited before the next page of this list is asked for (back-pressure). */
  readonly onPage?: (page: T[]) => Promise<void> | void;
  /** Bounds and skip reports; without it, a small list's odd records are dropped silently. */
  readonly judge?: PageJudge;
  /**
   * The matching total from `/count` (usually already in flight): a full page without a `Link`
   * that completes it ends the list instead of costing one more, empty, page-number request.
   */
  readonly total?: Promise<number>;
  /**
   * The server is known to send `Link` headers (an earlier page had one): a page without one is
   * the last, full or not, so no page-number fallback is tried.
   */
  readonly linksTrusted?: boolean;
  /** Start by page number at this page (the caller already has the pages before it). */
  readonly startPage?: number;
}

const rawPage = z.array(z.unknown());

/** What a stale codebase answers: its path is gone (404, 410) or sent elsewhere (3xx). */
function looksStale(error: unknown): boolean {
  const status = psaStatusOf(error);
  return status !== null && (status === 404 || status === 410 || (status >= 300 && status < 400));
}

/** A base URL built from a kept codebase, and its replacement once it failed as stale. */
interface KeptBase {
  readonly base: string;
  readonly codebase: string;
  fresh: Promise<string> | null;
}

export function createConnectWiseApi(options: ConnectWiseApiOptions): ConnectWiseApi {
  const { http, site, logger } = options;
  const cacheKey = codebaseKey(site.siteOrigin, options.companyId);
  let base: Promise<string> | null = null;
  let kept: KeptBase | null = null;

  async function discoverCodebase(): Promise<string> {
    const url = `${site.siteOrigin}/login/companyinfo/${encodeURIComponent(options.companyId)}`;
    try {
      // Public endpoint: no credentials are sent to it.
      const info = await http.send(
        {
          method: 'GET',
          url,
          headers: { accept: 'application/json' },
          idempotent: true,
          endpointKey: CONNECTWISE_ENDPOINT_KEY,
        },
        companyInfoSchema,
      );
      return normaliseCodebase(info.data.Codebase);
    } catch (error) {
      // Some on-premises servers do not serve companyinfo (404 or an HTML page); the alias still works.
      if (isAppError(error) && error.code === 'psa_invalid_response') return FALLBACK_CODEBASE;
      throw error;
    }
  }

  const baseOf = (codebase: string) => `${site.apiOrigin}/${codebase}apis/3.0`;

  function baseUrl(): Promise<string> {
    if (base === null) {
      const known = options.codebase ?? options.codebaseCache?.get(cacheKey) ?? null;
      if (known !== null && options.codebase === null)
        kept = { base: baseOf(known), codebase: known, fresh: null };
      base =
        known !== null
          ? Promise.resolve(baseOf(known))
          : discoverCodebase().then((codebase) => {
              options.codebaseCache?.set(cacheKey, codebase);
              return baseOf(codebase);
            });
      // A failed discovery (e.g. a timeout) is tried again by the next call instead of sticking;
      // the caller awaiting `base` still sees the error, this branch only forgets it.
      void base.catch(() => {
        base = null;
      });
    }
    return base;
  }

  function headers(forwardOnly: boolean): Record<string, string> {
    return {
      authorization: options.authorization.reveal(),
      clientid: options.clientId,
      accept: CONNECTWISE_ACCEPT,
      ...(forwardOnly ? { 'pagination-type': 'forward-only' } : {}),
    };
  }

  async function urlFor(path: string, query: ListQuery, extra: Record<string, string>): Promise<URL> {
    const url = new URL(`${await baseUrl()}${path}`);
    for (const [key, value] of Object.entries({ ...query, ...extra })) {
      if (value !== undefined && value !== '') url.searchParams.set(key, value);
    }
    return url;
  }

  const getRequest = (url: URL, forwardOnly: boolean) => ({
    method: 'GET' as const,
    url: url.href,
    headers: headers(forwardOnly),
    idempotent: true,
    endpointKey: CONNECTWISE_ENDPOINT_KEY,
    maxRecords: options.pageSize + PAGE_MARGIN,
  });

  /**
   * The same URL on a freshly detected codebase, after `error` showed the kept one stale; null
   * when the URL was not built on a kept codebase, the failure is another one, or detecting again
   * gave the same codebase. Requests failing together share one detection.
   */
  async function rebased(url: URL, error: unknown): Promise<URL | null> {
    const stale = kept;
    if (stale === null || !looksStale(error) || !url.href.startsWith(`${stale.base}/`)) return null;
    if (stale.fresh === null) {
      options.codebaseCache?.forget(cacheKey, stale.codebase);
      logger?.info({ path: url.pathname }, 'connectwise codebase gone stale; detecting it again');
      base = null;
      stale.fresh = baseUrl();
    }
    const fresh = await stale.fresh;
    return fresh === stale.base ? null : new URL(`${fresh}${url.href.slice(stale.base.length)}`);
  }

  /** Sends to `url`; on a stale kept codebase, once more on the new one. */
  async function exchange<T>(url: URL, send: (target: URL) => Promise<T>): Promise<T> {
    try {
      return await send(url);
    } catch (error) {
      const retry = await rebased(url, error);
      if (retry === null) throw error;
      return send(retry);
    }
  }

  function get<T>(url: URL, schema: z.ZodType<T>, forwardOnly: boolean) {
    return exchange(url, (target) => http.send(getRequest(target, forwardOnly), schema));
  }

  const byNumber = (page: number) => ({
    pageSize: String(options.pageSize),
    page: String(page),
    orderBy: 'id asc',
  });

  /** Envelope bounds first (length, fetch caps), then each record on its own. */
  function judgePage<T>(
    data: readonly unknown[],
    schema: RecordShape<T>,
    judge: PageJudge,
    path: string,
  ): T[] {
    if (data.length > options.pageSize + PAGE_MARGIN) {
      throw invalidResponse(`a page of ${data.length} records for ${options.pageSize} asked`, logger, path);
    }
    judge.guard.page(data.length);
    return validateRecords(data, schema, judge.entity, judge.skips);
  }

  function quietJudge(): PageJudge {
    return {
      entity: 'company',
      guard: createFetchGuard(
        { pageSize: options.pageSize, maxPages: options.maxPages, maxRecords: MAX_RECORDS_PER_FETCH },
        logger,
      ),
      skips: { skip: () => {} },
    };
  }

  return {
    async count(path, query) {
      const response = await get(await urlFor(`${path}/count`, query, {}), countSchema, false);
      return response.data.count;
    },

    async list<T extends Identified>(
      path: string,
      query: ListQuery,
      schema: RecordShape<T>,
      paging: ListPaging<T> = {},
    ) {
      const judge = paging.judge ?? quietJudge();
      const pageSize = String(options.pageSize);
      let pageNumber = paging.startPage ?? 1;
      let forwardOnly = paging.startPage === undefined;
      let url = await urlFor(path, query, forwardOnly ? { pageSize } : byNumber(pageNumber));
      let received = 0;
      let linked = false;
      const ids = new Set<number>();
      for (let pages = 1; ; pages += 1) {
        if (pages > options.maxPages)
          throw invalidResponse(`more than ${options.maxPages} pages`, logger, path);
        const response = await get(url, rawPage, forwardOnly);
        const rows = judgePage(response.data, schema, judge, path);
        const fresh = rows.filter((row) => !ids.has(row.id));
        // A page with nothing new means the server ignores our paging: stop instead of looping.
        if (rows.length > 0 && fresh.length === 0)
          throw invalidResponse('a page repeated the last one', logger, path);
        for (const row of fresh) ids.add(row.id);
        received += response.data.length;
        await paging.onPage?.(fresh);
        const next = forwardOnly ? nextLink(response.headers.link) : null;
        if (next !== null) {
          linked = true;
          const nextUrl = assertSameOrigin(next, site.apiOrigin);
          if (nextUrl.href === url.href)
            throw invalidResponse('a Link pointed at its own page', logger, path);
          url = nextUrl;
          continue;
        }
        // A server that linked an earlier page sends Links: this page, full or not, is the last (page
        // numbers would count from the list's start and repeat what the Links already brought).
        if (response.data.length < options.pageSize || paging.linksTrusted === true || linked) return;
        if (paging.total !== undefined && received >= (await paging.total)) return;
        // A full page and no Link: this server pages by number (or had exactly one full page left).
        forwardOnly = false;
        pageNumber += 1;
        url = await urlFor(path, query, byNumber(pageNumber));
      }
    },

    async listAll<T extends Identified>(path: string, query: ListQuery, schema: RecordShape<T>) {
      const all: T[] = [];
      await this.list(path, query, schema, { onPage: (page) => void all.push(...page) });
      return all;
    },

    async numberedPage<T extends Identified>(
      path: string,
      query: ListQuery,
      schema: RecordShape<T>,
      page: number,
      judge: PageJudge,
    ) {
      const response = await get(await urlFor(path, query, byNumber(page)), rawPage, false);
      return judgePage(response.data, schema, judge, path);
    },

    async numberedPageBytes(path, query, page) {
      const url = await urlFor(path, query, byNumber(page));
      return (await exchange(url, (target) => http.sendForBytes(getRequest(target, false)))).data;
    },

    async firstPage<T extends Identified>(
      path: string,
      query: ListQuery,
      schema: RecordShape<T>,
      judge: PageJudge,
    ) {
      const url = await urlFor(path, query, { pageSize: String(options.pageSize) });
      const response = await get(url, rawPage, true);
      return {
        rows: judgePage(response.data, schema, judge, path),
        more: nextLink(response.headers.link) !== null,
      };
    },
  };
}
