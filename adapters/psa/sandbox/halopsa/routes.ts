/**
 * What the sandbox HaloPSA answers, request by request: authinfo, the OAuth2 token endpoint (at the
 * auth server authinfo names, and at the conventional `/auth/token`), and the `/api/Client` and
 * `/api/Users` lists with Halo's paging (`pageinate`, `page_size`, `page_no`, `record_count`) and
 * its page cap: a page never has more rows than the cap, whatever `page_size` asks for.
 */
import type { HaloClientRecord, HaloDataSet, HaloUserRecord } from './data-set.js';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SandboxHaloCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenant: string;
}

/** Scopes the sandbox grants; `all` and the narrow read scope that is enough for an import. */
const KNOWN_SCOPES = new Set(['all', 'all:standard', 'read:customers', 'edit:customers', 'admin']);
const CLIENT_SCOPES = ['all', 'all:standard', 'read:customers', 'edit:customers', 'admin'];

export interface RouteContext {
  readonly data: HaloDataSet;
  readonly credentials: SandboxHaloCredentials;
  readonly pageCap: number;
  readonly tokenTtlSeconds: number;
  readonly authPath: string;
  readonly origin: () => string;
  readonly now: () => number;
  /** Issued tokens and when they stop working. */
  readonly tokens: Map<string, { expiresAt: number; scopes: readonly string[] }>;
  readonly newToken: () => string;
}

const flag = (params: URLSearchParams, name: string, fallback: boolean): boolean => {
  const value = params.get(name);
  return value === null ? fallback : value.toLowerCase() === 'true';
};

export function authInfo(ctx: RouteContext): Answer {
  return {
    status: 200,
    body: { auth_url: `${ctx.origin()}${ctx.authPath}`, tenant_id: ctx.credentials.tenant },
  };
}

export function token(ctx: RouteContext, url: URL, body: string, contentType: string): Answer {
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { status: 400, body: { error: 'invalid_request', error_description: 'form body expected' } };
  }
  const form = new URLSearchParams(body);
  const tenant = url.searchParams.get('tenant');
  // Hosted Halo: one token endpoint serves many tenants and must be told which.
  if (tenant !== ctx.credentials.tenant) return { status: 400, body: { error: 'invalid_tenant' } };
  if (form.get('grant_type') !== 'client_credentials')
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  if (
    form.get('client_id') !== ctx.credentials.clientId ||
    form.get('client_secret') !== ctx.credentials.clientSecret
  ) {
    return { status: 401, body: { error: 'invalid_client' } };
  }
  const scopes = (form.get('scope') ?? 'all').split(/\s+/).filter((s) => s !== '');
  if (scopes.length === 0 || scopes.some((scope) => !KNOWN_SCOPES.has(scope))) {
    return { status: 400, body: { error: 'invalid_scope' } };
  }
  const accessToken = ctx.newToken();
  ctx.tokens.set(accessToken, { expiresAt: ctx.now() + ctx.tokenTtlSeconds * 1000, scopes });
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      access_token: accessToken,
      expires_in: ctx.tokenTtlSeconds,
      scope: scopes.join(' '),
    },
  };
}

/** 401 for a missing, unknown or expired token; 403 for a token whose scope cannot read clients. */
export function authorise(ctx: RouteContext, authorization: string | undefined): Answer | null {
  const bearer = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  const issued = bearer === undefined ? undefined : ctx.tokens.get(bearer);
  if (issued === undefined || issued.expiresAt <= ctx.now()) {
    return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
  }
  if (!issued.scopes.some((scope) => CLIENT_SCOPES.includes(scope))) {
    return { status: 403, body: { ClassName: 'Forbidden', Message: 'You do not have permission.' } };
  }
  return null;
}

function page<T>(rows: readonly T[], params: URLSearchParams, cap: number) {
  if (!flag(params, 'pageinate', false)) {
    const count = Number(params.get('count') ?? rows.length);
    return {
      page: rows.slice(0, Number.isFinite(count) ? count : rows.length),
      pageNo: null,
      pageSize: null,
    };
  }
  const asked = Math.max(1, Number(params.get('page_size') ?? 50) || 50);
  const size = Math.min(asked, cap);
  const pageNo = Math.max(1, Number(params.get('page_no') ?? 1) || 1);
  return { page: rows.slice((pageNo - 1) * size, pageNo * size), pageNo, pageSize: size };
}

function activeFilter(params: URLSearchParams): (inactive: boolean) => boolean {
  const pair = params.get('activeinactive')?.split(',');
  const active = pair === undefined ? flag(params, 'includeactive', true) : pair[0] === 'true';
  const inactive = pair === undefined ? flag(params, 'includeinactive', false) : pair[1] === 'true';
  return (isInactive) => (isInactive ? inactive : active);
}

export function clients(ctx: RouteContext, params: URLSearchParams): Answer {
  const active = activeFilter(params);
  const topLevel = params.get('toplevel_id');
  const search = params.get('search')?.toLowerCase() ?? null;
  const rows = ctx.data.clients.filter(
    (c: HaloClientRecord) =>
      active(c.inactive) &&
      !(c.internal && flag(params, 'exclude_internal', false)) &&
      (topLevel === null || String(c.toplevel_id) === topLevel) &&
      (search === null || c.name.toLowerCase().includes(search)),
  );
  const { page: slice, pageNo, pageSize } = page(rows, params, ctx.pageCap);
  const body = slice.map(({ internal: _internal, ...client }) => client);
  return {
    status: 200,
    body: { page_no: pageNo, page_size: pageSize, record_count: rows.length, clients: body },
  };
}

export function users(ctx: RouteContext, params: URLSearchParams): Answer {
  const active = activeFilter(params);
  const clientId = params.get('client_id');
  const serviceAccounts = flag(params, 'includeserviceaccount', true);
  const others = flag(params, 'includenonserviceaccount', true);
  const rows = ctx.data.users.filter(
    (u: HaloUserRecord) =>
      active(u.inactive) &&
      (clientId === null || String(u.client_id) === clientId) &&
      (u.isserviceaccount ? serviceAccounts : others) &&
      !(u.linked_agent_id !== null && flag(params, 'exclude_agents', false)) &&
      !(u.general && flag(params, 'exclude_generaluser', false)),
  );
  const { page: slice, pageNo, pageSize } = page(rows, params, ctx.pageCap);
  const body = slice.map(({ general: _general, ...user }) => user);
  return {
    status: 200,
    body: { page_no: pageNo, page_size: pageSize, record_count: rows.length, users: body },
  };
}
