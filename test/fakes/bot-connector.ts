import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/**
 * A Bot Connector and Entra token endpoint on 127.0.0.1, for Teams tests:
 *   - publishes the signing keys Teams would (`/v1/.well-known/openidconfiguration` and `/keys`)
 *     and signs inbound activity tokens with them (`signToken`);
 *   - issues the bot's own token (`POST /<tenant>/oauth2/v2.0/token`, client credentials);
 *   - accepts outbound activities (`/teams/v3/conversations/…`), records every one, and keeps each
 *     message's latest content, so tests read the conversation as Teams users would see it;
 *   - answers member lookups (`…/members/<aadObjectId>`) for the members it was told about.
 */

export const FAKE_ISSUER = 'https://api.botframework.com';
export const KEY_ID = 'fake-teams-key';

export interface SentActivity {
  readonly method: 'POST' | 'PUT';
  /** As in the URL, decoded: may carry `;messageid=` for channel threads. */
  readonly conversationId: string;
  /** The created or updated message's id. */
  readonly activityId: string;
  readonly replyToId: string | null;
  readonly body: Record<string, unknown>;
  readonly authorization: string | null;
}

export interface StoredMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly replyToId: string | null;
  /** The latest body (after updates). */
  body: Record<string, unknown>;
  updates: number;
}

export interface TokenOptions {
  readonly audience?: string;
  readonly issuer?: string;
  readonly serviceUrl?: string | null;
  /** Seconds from now; negative for the past. */
  readonly expiresIn?: number;
  readonly notBefore?: number;
  readonly keyId?: string;
  readonly signWithOtherKey?: boolean;
}

export interface FakeBotConnector {
  readonly url: string;
  /** What activities name as their `serviceUrl`. */
  readonly serviceUrl: string;
  readonly openIdMetadataUrl: string;
  /** The login authority the bot gets its token from. */
  readonly authority: string;
  readonly sent: SentActivity[];
  readonly messages: Map<string, StoredMessage>;
  readonly tokenRequests: { clientId: string; scope: string; tenant: string }[];
  /** Calls the fake refused (no or wrong bearer token). */
  readonly refused: number;
  /** Members by Entra object id, for `…/members/<id>` lookups. */
  addMember(aadObjectId: string, name: string): void;
  signToken(appId: string, options?: TokenOptions): Promise<string>;
  /** A token signed with `alg: none` (no signature at all). */
  unsignedToken(appId: string): string;
  /** Messages of a conversation (base id), oldest first. */
  conversation(conversationId: string): StoredMessage[];
  close(): Promise<void>;
}

export interface FakeBotConnectorOptions {
  readonly appId: string;
  readonly appPassword: string;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startFakeBotConnector(options: FakeBotConnectorOptions): Promise<FakeBotConnector> {
  const keys = await generateKeyPair('RS256');
  const otherKeys = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256' };
  const sent: SentActivity[] = [];
  const messages = new Map<string, StoredMessage>();
  const tokenRequests: { clientId: string; scope: string; tenant: string }[] = [];
  const members = new Map<string, string>();
  const issuedTokens = new Set<string>();
  let nextId = 1_700_000_000_000;
  let refused = 0;
  let url = '';

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') && issuedTokens.has(header.slice(7));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      return send(res, 200, { issuer: FAKE_ISSUER, jwks_uri: `${url}/v1/.well-known/keys` });
    }
    if (req.method === 'GET' && path === '/v1/.well-known/keys') return send(res, 200, { keys: [publicJwk] });
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === 'POST' && token !== null) {
      const form = new URLSearchParams(await bodyOf(req));
      const ok =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === options.appId &&
        form.get('client_secret') === options.appPassword;
      if (!ok) return send(res, 401, { error: 'invalid_client' });
      tokenRequests.push({ clientId: options.appId, scope: form.get('scope') ?? '', tenant: token[1] ?? '' });
      const issued = `fake-bot-token-${tokenRequests.length}`;
      issuedTokens.add(issued);
      return send(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: issued });
    }
    const member = /^\/teams\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member !== null) {
      if (!authorized(req)) {
        refused++;
        return send(res, 401, { error: 'unauthorized' });
      }
      const aadObjectId = decodeURIComponent(member[2] ?? '');
      const name = members.get(aadObjectId);
      if (name === undefined) return send(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
      return send(res, 200, { id: `29:member-${aadObjectId}`, aadObjectId, name });
    }
    const activity = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (activity !== null && (req.method === 'POST' || req.method === 'PUT')) {
      if (!authorized(req)) {
        refused++;
        return send(res, 401, { error: 'unauthorized' });
      }
      const conversationId = decodeURIComponent(activity[1] ?? '');
      const pathId = activity[2] === undefined ? null : decodeURIComponent(activity[2]);
      const body = JSON.parse(await bodyOf(req)) as Record<string, unknown>;
      if (req.method === 'PUT') {
        const stored = pathId === null ? undefined : messages.get(pathId);
        if (pathId === null || stored === undefined)
          return send(res, 404, { error: { code: 'ActivityNotFound' } });
        stored.body = body;
        stored.updates++;
        sent.push({
          method: 'PUT',
          conversationId,
          activityId: pathId,
          replyToId: null,
          body,
          authorization: req.headers.authorization ?? null,
        });
        return send(res, 200, { id: pathId });
      }
      const id = String(nextId++);
      const replyToId = pathId ?? (typeof body.replyToId === 'string' ? body.replyToId : null);
      messages.set(id, { id, conversationId, replyToId, body, updates: 0 });
      sent.push({
        method: 'POST',
        conversationId,
        activityId: id,
        replyToId,
        body,
        authorization: req.headers.authorization ?? null,
      });
      return send(res, 201, { id });
    }
    return send(res, 404, { error: 'not found' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'fake failed' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    serviceUrl: `${url}/teams/`,
    openIdMetadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    authority: url,
    sent,
    messages,
    tokenRequests,
    get refused() {
      return refused;
    },
    addMember(aadObjectId, name) {
      members.set(aadObjectId, name);
    },
    async signToken(appId, token = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {};
      const serviceUrl = token.serviceUrl === undefined ? `${url}/teams/` : token.serviceUrl;
      if (serviceUrl !== null) claims.serviceurl = serviceUrl;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: token.keyId ?? KEY_ID, typ: 'JWT' })
        .setIssuer(token.issuer ?? FAKE_ISSUER)
        .setAudience(token.audience ?? appId)
        .setIssuedAt(now - 60)
        .setNotBefore(now + (token.notBefore ?? -60))
        .setExpirationTime(now + (token.expiresIn ?? 3600))
        .sign(token.signWithOtherKey === true ? otherKeys.privateKey : keys.privateKey);
    },
    unsignedToken(appId) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: FAKE_ISSUER,
        aud: appId,
        serviceurl: `${url}/teams/`,
        nbf: now - 60,
        exp: now + 3600,
      };
      return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    },
    conversation(conversationId) {
      return [...messages.values()].filter(
        (message) => message.conversationId.split(';')[0] === conversationId,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
