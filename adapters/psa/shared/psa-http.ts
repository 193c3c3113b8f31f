/**
 * The one HTTP client every PSA provider uses (undici `request()` on an injectable Dispatcher).
 *
 *   const http = createPsaHttp({ timeoutMs: 30_000, maxAttempts: 4, dispatcher, classify });
 *   const { data, headers } = await http.send(
 *     { method: 'GET', url, headers: { authorization }, idempotent: true, endpointKey: 'companies' },
 *     z.array(companySchema),
 *   );
 *   http.requestCount(); // attempts sent so far, retries included
 *
 * Guarantees: a timeout on every attempt (psa_timeout, not retried: a slow PSA gets slower when we
 * pile on); full-jitter retries for idempotent requests on 429/502/503/504 and network errors,
 * waiting at least `Retry-After` (with `lowerLimitOn429`, a 429 also leaves one request fewer in
 * flight from then on); then psa_rate_limited (with retryAfterSeconds) / psa_server_error /
 * psa_unreachable. Non-idempotent requests are sent once. 2xx bodies that are not JSON or fail the
 * schema give psa_invalid_response. Nothing from the response body, the URL's query or the
 * request headers reaches an AppError or a log line.
 *
 * Bounds, so a broken or hostile PSA cannot take the process down: the timeout covers the whole
 * attempt, headers and every body byte (a body dripped a byte a second ends at the timeout); the
 * body is read as a stream and abandoned past `maxBodyBytes`; and the JSON's values are counted
 * on the raw bytes before parsing, so ten million tiny elements never become ten million objects.
 * Each of those ends in psa_invalid_response with the reason in the log.
 */
import { type Dispatcher, request as undiciRequest } from 'undici';
import type { z } from 'zod';
import { AppError, type ErrorCode, type ErrorDetails } from '../../../src/domain/errors.js';
import type { Logger } from '../../../src/ports/logger.js';
import { declaredTooLarge, readBounded } from './bounded-body.js';
import { type Classifier, classifyStatus } from './classify.js';
import { decodeBody } from './decode-body.js';
import { parseErrorBody } from './error-body.js';
import { invalidResponse } from './invalid-response.js';
import { countJsonValues } from './json-budget.js';
import type { KeyedLimiter } from './keyed-limiter.js';
import { isTransportTimeout, networkErrorCode } from './network-errors.js';
import {
  type BackoffSettings,
  DEFAULT_BACKOFF,
  fullJitterDelayMs,
  parseRetryAfterMs,
} from './retry-policy.js';
import { PsaStatusCause } from './status-cause.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PsaRequest {
  readonly method: HttpMethod;
  /** Absolute URL; its query is never logged. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Sent as JSON with `content-type: application/json`; URLSearchParams go as an HTML form
   * (`application/x-www-form-urlencoded`), which OAuth2 token endpoints require.
   */
  readonly body?: unknown;
  /** Only idempotent requests are retried. A read sent as POST (Autotask /query) may say true. */
  readonly idempotent: boolean;
  /** Concurrency key for the client's limiter (e.g. 'Companies/query'); no limit when absent. */
  readonly endpointKey?: string;
  /**
   * Records the answer may hold at most (the page size asked for plus a margin); bounds the JSON
   * values counted before parsing. Default DEFAULT_EXPECTED_RECORDS.
   */
  readonly maxRecords?: number;
}

export interface PsaResponse<T> {
  readonly data: T;
  readonly status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface PsaHttpOptions {
  readonly dispatcher?: Dispatcher;
  /** Per attempt, from sending to the last body byte. */
  readonly timeoutMs: number;
  /** Total attempts for retryable failures, first one included (1 = never retry). */
  readonly maxAttempts: number;
  readonly backoff?: BackoffSettings;
  /** A `Retry-After` longer than this fails at once with its time instead of blocking the import. */
  readonly maxRetryAfterMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Wall clock in ms, for HTTP-date `Retry-After` and durations. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Largest response body read, in bytes; default DEFAULT_MAX_BODY_BYTES. */
  readonly maxBodyBytes?: number;
  readonly classify?: Classifier;
  readonly limiter?: KeyedLimiter;
  /**
   * A 429 on a limited endpoint lowers its limit by one for the rest of this client's life (see
   * KeyedLimiter.lower): the PSA said the bound was too much. For a client made per session; a
   * limit the vendor documents (Autotask's three threads) stays as it is.
   */
  readonly lowerLimitOn429?: boolean;
}

export interface PsaHttp {
  send<T>(request: PsaRequest, schema: z.ZodType<T>): Promise<PsaResponse<T>>;
  /**
   * The same exchange (retries, timeout, body cap, value count) with the 2xx body handed back as
   * read, for a caller that parses it elsewhere (a page parser off the event loop).
   */
  sendForBytes(request: PsaRequest): Promise<PsaResponse<Buffer>>;
  /** HTTP requests actually sent by this client, retries included. */
  requestCount(): number;
}

type Outcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly bytes: Buffer;
      /** More JSON values than the request's records may bring; the text was not decoded. */
      readonly tooManyValues?: boolean;
    }
  | { readonly kind: 'network'; readonly code: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'too-large' };

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/** A 1,000-contact ConnectWise page is 1-3 MB; ten times that and more is headroom, not data. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** For answers that are not pages (counts, settings lists): a full page's worth. */
export const DEFAULT_EXPECTED_RECORDS = 1_000;
/**
 * JSON values one record may bring, nested ones included. A ConnectWise contact with its
 * communication items and `_info` blocks is under 100; the rest is headroom.
 */
export const VALUES_PER_RECORD = 400;
/** Bodies up to this size are parsed without counting: at most 4 million values, ~100 MB parsed. */
const SCAN_ABOVE_BYTES = 4 * 1024 * 1024;

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** A cause that names the failure without carrying URLs, headers or bodies. */
function safeCause(label: string): Error {
  return new Error(label);
}

export function createPsaHttp(options: PsaHttpOptions): PsaHttp {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const valueBudget = (request: PsaRequest) =>
    (request.maxRecords ?? DEFAULT_EXPECTED_RECORDS) * VALUES_PER_RECORD + 1_000;
  let sent = 0;

  async function attemptOnce(request: PsaRequest): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const hasBody = request.body !== undefined;
    const isForm = request.body instanceof URLSearchParams;
    try {
      sent += 1;
      const response = await undiciRequest(request.url, {
        method: request.method,
        headers: hasBody
          ? {
              ...request.headers,
              'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
            }
          : { ...request.headers },
        body: isForm ? String(request.body) : hasBody ? JSON.stringify(request.body) : null,
        signal: controller.signal,
        ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      });
      const headers = flattenHeaders(response.headers);
      if (declaredTooLarge(headers['content-length'], maxBodyBytes)) {
        response.body.destroy();
        return { kind: 'too-large' };
      }
      const bytes = await readBounded(response.body, maxBodyBytes);
      if (bytes === null) return { kind: 'too-large' };
      // A body this small holds too few values to hurt (each costs a byte): only big ones are counted.
      if (
        bytes.length > SCAN_ABOVE_BYTES &&
        countJsonValues(bytes, valueBudget(request)) > valueBudget(request)
      ) {
        return {
          kind: 'response',
          status: response.statusCode,
          headers,
          bytes: Buffer.alloc(0),
          tooManyValues: true,
        };
      }
      return { kind: 'response', status: response.statusCode, headers, bytes };
    } catch (error) {
      if (timedOut || isTransportTimeout(error)) return { kind: 'timeout' };
      const code = networkErrorCode(error);
      if (code !== null) return { kind: 'network', code };
      const label = (error as { code?: unknown }).code;
      throw new AppError(
        'internal',
        {},
        { cause: safeCause(typeof label === 'string' ? label : 'request failed') },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  function log(request: PsaRequest, attempt: number, started: number, outcome: Outcome): void {
    if (options.logger === undefined) return;
    const url = new URL(request.url);
    options.logger.debug(
      {
        method: request.method,
        host: url.host,
        path: url.pathname,
        status: outcome.kind === 'response' ? outcome.status : null,
        failure:
          outcome.kind === 'response' ? null : outcome.kind === 'network' ? outcome.code : outcome.kind,
        attempt,
        durationMs: Math.round(now() - started),
      },
      'psa request',
    );
  }

  function parseSuccess<T>(request: PsaRequest, bytes: Buffer, schema: z.ZodType<T>): T {
    const invalid = (reason: string) =>
      invalidResponse(reason, options.logger, new URL(request.url).pathname);
    let json: unknown;
    try {
      // One decode of the whole body: about half the CPU of body.text()'s streaming decoder, which
      // matters at 50 pages of 1,000 contacts.
      json = JSON.parse(decodeBody(bytes));
    } catch {
      throw invalid('body is not JSON');
    }
    const result = schema.safeParse(json, { reportInput: false });
    if (!result.success) {
      // Only the paths of the first failing fields: the values are PSA data.
      const paths = result.error.issues
        .slice(0, 5)
        .map((issue) => issue.path.join('.'))
        .join(', ');
      throw invalid(`unexpected shape at: ${paths}`);
    }
    return result.data;
  }

  async function send<T>(request: PsaRequest, schema: z.ZodType<T>): Promise<PsaResponse<T>> {
    const response = await sendForBytes(request);
    return { ...response, data: parseSuccess(request, response.data, schema) };
  }

  function easeOff(request: PsaRequest): void {
    const key = request.endpointKey;
    if (options.lowerLimitOn429 !== true || options.limiter === undefined || key === undefined) return;
    const limit = options.limiter.lower(key);
    options.logger?.info({ endpoint: key, limit }, 'psa asked us to slow down (429): fewer requests at once');
  }

  async function sendForBytes(request: PsaRequest): Promise<PsaResponse<Buffer>> {
    for (let attempt = 1; ; attempt += 1) {
      const started = now();
      const outcome =
        request.endpointKey !== undefined && options.limiter !== undefined
          ? await options.limiter.run(request.endpointKey, () => attemptOnce(request))
          : await attemptOnce(request);
      log(request, attempt, started, outcome);

      if (outcome.kind === 'timeout') throw new AppError('psa_timeout');
      if (outcome.kind === 'too-large') {
        throw invalidResponse(
          `body over ${maxBodyBytes} bytes`,
          options.logger,
          new URL(request.url).pathname,
        );
      }
      let code: ErrorCode;
      let retryAfterMs: number | null = null;
      if (outcome.kind === 'network') {
        code = 'psa_unreachable';
      } else if (outcome.status >= 200 && outcome.status < 300) {
        if (outcome.tooManyValues === true) {
          const reason = `more JSON values than ${request.maxRecords ?? DEFAULT_EXPECTED_RECORDS} records may hold`;
          throw invalidResponse(reason, options.logger, new URL(request.url).pathname);
        }
        return { data: outcome.bytes, status: outcome.status, headers: outcome.headers };
      } else {
        const verdict = classifyStatus(
          outcome.status,
          parseErrorBody(outcome.bytes.toString('utf8')),
          options.classify,
        );
        if (verdict.action === 'fail')
          throw new AppError(verdict.code, {}, { cause: new PsaStatusCause(outcome.status) });
        code = verdict.code;
        retryAfterMs = parseRetryAfterMs(outcome.headers['retry-after'], now());
        if (outcome.status === 429) easeOff(request);
      }

      const canRetry =
        request.idempotent &&
        attempt < options.maxAttempts &&
        (retryAfterMs === null || retryAfterMs <= maxRetryAfterMs);
      if (!canRetry) {
        const details: ErrorDetails =
          retryAfterMs === null ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
        throw new AppError(code, details);
      }
      await sleep(Math.max(retryAfterMs ?? 0, fullJitterDelayMs(attempt, backoff, random)));
    }
  }

  return { send, sendForBytes, requestCount: () => sent };
}
