/**
 * ConnectWise Manage as a PsaProviderDefinition: the credential form and `open`, which checks the
 * form's values (URL rules, codebase, header-safe ids), builds the Basic auth header once and
 * wires a session with its own HTTP client, so request counts are per session.
 *
 *   connectWiseProvider.open(credentials, context, { concurrency: 6 })
 */
import { AppError } from '../../../src/domain/errors.js';
import { Secret } from '../../../src/domain/secret.js';
import type { CredentialField, PsaCredentials } from '../../../src/ports/psa-gateway.js';
import { createKeyedLimiter } from '../shared/keyed-limiter.js';
import type { PsaProviderContext, PsaProviderDefinition } from '../shared/provider-definition.js';
import { createPsaHttp } from '../shared/psa-http.js';
import { type CodebaseCache, createCodebaseCache } from './codebase-cache.js';
import { CONNECTWISE_ENDPOINT_KEY, createConnectWiseApi } from './connectwise-api.js';
import { type ConnectWiseSession, createConnectWiseSession } from './connectwise-session.js';
import { normaliseCodebase, resolveSite } from './connectwise-site.js';

export interface ConnectWiseSettings {
  /** Records per page; 1,000 is the API's maximum. */
  readonly pageSize?: number;
  /** Company ids per contacts request. */
  readonly contactBatchSize?: number;
  /**
   * Requests in flight at once for one session. ConnectWise documents no hard limit, but the MSP's
   * staff share the server: five keeps a large import to 13 dependent round trips (5,000 companies,
   * 50,000 contacts) while a 429 lowers it for the rest of the session (psa-http.ts). Whole-list
   * contact pages are parsed on one worker thread (contact-page-pool.ts, 5–6 ms per 1,000
   * contacts), which keeps up with five per 50 ms round trip. Raise it for sites with slow answers.
   */
  readonly concurrency?: number;
  readonly maxPages?: number;
}

export const CONNECTWISE_DEFAULTS = {
  pageSize: 1000,
  contactBatchSize: 100,
  concurrency: 5,
  maxPages: 2_000,
} as const satisfies Required<ConnectWiseSettings>;

export const CONNECTWISE_FIELDS: readonly CredentialField[] = [
  {
    key: 'site',
    label: 'Site',
    secret: false,
    optional: false,
    hint: 'The host you log in to, e.g. na.myconnectwise.net, or your on-premises server',
  },
  {
    key: 'companyId',
    label: 'Company ID',
    secret: false,
    optional: false,
    hint: 'The company you type at login',
  },
  {
    key: 'publicKey',
    label: 'Public key',
    secret: false,
    optional: false,
    hint: "The API member's public key",
  },
  {
    key: 'privateKey',
    label: 'Private key',
    secret: true,
    optional: false,
    hint: "The API member's private key",
  },
  {
    key: 'clientId',
    label: 'Client ID',
    secret: false,
    optional: false,
    hint: 'Your integration client id from developer.connectwise.com',
  },
  {
    key: 'codebase',
    label: 'Codebase',
    secret: false,
    optional: true,
    hint: 'Leave empty to detect it (e.g. v2026_1)',
  },
];

/** Header-safe: visible ASCII, no spaces; a ':' would also break the Basic auth user part. */
const TOKEN = /^[\x21-\x39\x3b-\x7e]+$/;

function token(value: string, label: string): string {
  if (!TOKEN.test(value))
    throw new AppError('invalid_input', { hint: `The ${label} contains characters it cannot have.` });
  return value;
}

/**
 * One codebase cache per gateway: the gateway hands every `open` the same context object, so a
 * bot's sessions share their detections, while a new gateway (a test, a bench's cold run) starts
 * empty. Weakly held: a dropped gateway takes its cache with it.
 */
const codebaseCaches = new WeakMap<PsaProviderContext, CodebaseCache>();

function codebaseCacheFor(context: PsaProviderContext): CodebaseCache {
  let cache = codebaseCaches.get(context);
  if (cache === undefined) {
    cache = createCodebaseCache({ now: context.now ?? Date.now });
    codebaseCaches.set(context, cache);
  }
  return cache;
}

export function openConnectWise(
  credentials: PsaCredentials,
  context: PsaProviderContext,
  settings: ConnectWiseSettings = {},
): ConnectWiseSession {
  const values = credentials.reveal();
  const field = (key: string): string => values[key] ?? '';
  const companyId = token(field('companyId'), 'company ID');
  const publicKey = token(field('publicKey'), 'public key');
  const clientId = token(field('clientId'), 'client ID');
  const site = resolveSite(field('site'));
  const codebase = field('codebase') === '' ? null : normaliseCodebase(field('codebase'));
  const authorization = new Secret(
    `Basic ${Buffer.from(`${companyId}+${publicKey}:${field('privateKey')}`, 'utf8').toString('base64')}`,
  );
  const config = { ...CONNECTWISE_DEFAULTS, ...settings };
  const limiter = createKeyedLimiter({ defaultLimit: config.concurrency });
  const http = createPsaHttp({ ...context, limiter, lowerLimitOn429: true });
  const api = createConnectWiseApi({
    site,
    companyId,
    codebase,
    codebaseCache: codebaseCacheFor(context),
    authorization,
    clientId,
    http,
    pageSize: config.pageSize,
    maxPages: config.maxPages,
    ...(context.logger === undefined ? {} : { logger: context.logger }),
  });
  return createConnectWiseSession({
    api,
    companyId,
    concurrency: config.concurrency,
    pageSize: config.pageSize,
    contactBatchSize: config.contactBatchSize,
    maxPages: config.maxPages,
    ...(context.logger === undefined ? {} : { logger: context.logger }),
    requestCount: http.requestCount,
    maxInFlight: () => limiter.maxInFlight(CONNECTWISE_ENDPOINT_KEY),
  });
}

export const connectWiseProvider: PsaProviderDefinition<ConnectWiseSettings> = {
  credentialFields: CONNECTWISE_FIELDS,
  open: (credentials, context, settings) => openConnectWise(credentials, context, settings),
};
