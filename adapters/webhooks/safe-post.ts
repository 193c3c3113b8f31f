import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { judgeAddresses } from './address-policy.js';

export interface PostOptions {
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  /** Injected in tests to pretend a host resolves to given addresses. */
  readonly resolve?: (host: string) => Promise<string[]>;
}

export type PostResult =
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfterSeconds: number | null }
  /** Never sent (refused by policy) or no answer (network, timeout). */
  | { readonly kind: 'failed'; readonly error: string; readonly refused: boolean };

async function systemResolve(host: string): Promise<string[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
}

function retryAfter(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * POSTs one webhook. The host is resolved once, every address is judged, and the connection goes
 * to a judged address (so a DNS answer cannot change between the check and the connect).
 * Redirects are never followed; the response body is read and dropped, never stored.
 */
export async function safePost(
  rawUrl: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: PostOptions,
): Promise<PostResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'failed', error: 'the URL is not valid', refused: true };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? systemResolve)(host);
  } catch {
    return { kind: 'failed', error: 'the host did not resolve', refused: false };
  }
  const verdict = judgeAddresses(url.protocol, addresses, options.allowPrivate);
  if (!verdict.ok) return { kind: 'failed', error: `refused: ${verdict.reason}`, refused: true };
  const pinned = addresses[0] ?? '';
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    const family = pinned.includes(':') ? 6 : 4;
    if (lookupOptions.all) callback(null, [{ address: pinned, family }]);
    else callback(null, pinned, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'psa-import-bot-webhooks/1',
        },
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('error', () => {});
        resolve({
          kind: 'answered',
          status: res.statusCode ?? 0,
          retryAfterSeconds: retryAfter(res.headers['retry-after']),
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => {
      const timedOut = error.name === 'AbortError' || error.message === 'timeout';
      resolve({
        kind: 'failed',
        error: timedOut ? 'the receiver did not answer in time' : 'the connection failed',
        refused: false,
      });
    });
    req.end(body);
  });
}
