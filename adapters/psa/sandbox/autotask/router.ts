/**
 * Routes one request once it is past the thread limit and faults: zone discovery, the auth
 * headers (in Autotask's misleading forms), the hourly budget, then the entity endpoints.
 * Paths are case-insensitive, as Autotask's are.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AutotaskDataSet } from './data-set.js';
import { type SandboxEntity, sandboxEntities } from './entities.js';
import type { HourlyBudget } from './load.js';
import type { Answer, QueryService } from './query-service.js';

export interface RoutedAnswer extends Answer {
  /** Latency the hourly budget adds once it is half used. */
  readonly extraDelayMs: number;
}

export interface RouterDeps {
  readonly data: AutotaskDataSet;
  readonly queries: QueryService;
  readonly budget: HourlyBudget;
  readonly credentials: {
    readonly username: string;
    readonly secret: string;
    readonly integrationCode: string;
  };
  readonly origin: () => string;
}

const done = (answer: Answer, extraDelayMs = 0): RoutedAnswer => ({ ...answer, extraDelayMs });
const notFound = (): RoutedAnswer =>
  done({ status: 404, body: { Message: 'No HTTP resource was found that matches the request URI.' } });
const wrongMethod = (method: string): RoutedAnswer =>
  done({
    status: 405,
    body: { Message: `The requested resource does not support http method '${method}'.` },
  });

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export class SandboxRouter {
  readonly #deps: RouterDeps;
  readonly #entities: ReadonlyMap<string, SandboxEntity>;

  constructor(deps: RouterDeps) {
    this.#deps = deps;
    this.#entities = sandboxEntities(deps.data);
    deps.queries.prepare(this.#entities.values());
  }

  /** The thread-limit key of a path; null for zone discovery (Autotask does not limit it). */
  endpointOf(pathname: string): string | null {
    const [root, version, first] = this.#segments(pathname);
    if (root !== 'atservicesrest' || version !== 'v1.0' || first === undefined) return null;
    if (first === 'zoneinformation') return null;
    if (first === 'thresholdinformation') return 'ThresholdInformation';
    return this.#entities.get(first)?.name ?? null;
  }

  route(method: string, url: URL, headers: IncomingHttpHeaders, bodyText: string): RoutedAnswer {
    const [root, version, first, ...rest] = this.#segments(url.pathname);
    if (root !== 'atservicesrest' || version !== 'v1.0' || first === undefined) return notFound();
    if (first === 'zoneinformation') return method === 'GET' ? this.#zone(url) : wrongMethod(method);
    const denied = this.#authenticate(headers);
    if (denied !== null) return done(denied);
    const verdict = this.#deps.budget.take();
    if (!verdict.ok) {
      return done({
        status: 429,
        body: { errors: [`Request limit exceeded: the hourly API request threshold has been reached.`] },
        headers: { 'retry-after': String(verdict.retryAfterSeconds) },
      });
    }
    return done(this.#dispatch(method, url, first, rest, bodyText), verdict.delayMs);
  }

  #dispatch(method: string, url: URL, first: string, rest: readonly string[], bodyText: string): Answer {
    if (first === 'thresholdinformation' && rest.length === 0) {
      if (method !== 'GET') return wrongMethod(method);
      return {
        status: 200,
        body: {
          externalRequestThreshold: this.#deps.budget.limit,
          requestThresholdTimeframe: 60,
          currentTimeframeRequestCount: this.#deps.budget.used(),
        },
      };
    }
    const entity = this.#entities.get(first);
    if (entity === undefined) return notFound();
    const route = rest.join('/');
    if (route === 'entityinformation/fields') {
      return method === 'GET' ? { status: 200, body: { fields: entity.fields } } : wrongMethod(method);
    }
    if (route === 'query/next')
      return this.#deps.queries.next(entity, method, url.searchParams.get('paging'));
    if (route !== 'query' && route !== 'query/count') return notFound();
    if (method !== 'GET' && method !== 'POST') return wrongMethod(method);
    let input: unknown;
    try {
      input = JSON.parse(method === 'POST' ? bodyText : (url.searchParams.get('search') ?? ''));
    } catch {
      return { status: 400, body: { errors: ['The query is not valid JSON.'] } };
    }
    return route === 'query'
      ? this.#deps.queries.query(entity, method, input)
      : this.#deps.queries.count(entity, input);
  }

  #zone(url: URL): RoutedAnswer {
    const user = url.searchParams.get('user') ?? '';
    if (user.toLowerCase() !== this.#deps.credentials.username.toLowerCase()) {
      return done({ status: 500, body: { errors: ['Zone information could not be determined'] } });
    }
    const origin = this.#deps.origin();
    return done({
      status: 200,
      body: { zoneName: 'Sandbox Zone', url: `${origin}/ATServicesRest/`, webUrl: `${origin}/`, ci: 1 },
    });
  }

  /** Autotask's forms: a bad integration code is a 500, a bad user or secret a 401. */
  #authenticate(headers: IncomingHttpHeaders): Answer | null {
    const expected = this.#deps.credentials;
    if (header(headers, 'ApiIntegrationCode') !== expected.integrationCode) {
      return { status: 500, body: { errors: ['IntegrationCode is invalid.'] } };
    }
    const user = header(headers, 'UserName') ?? '';
    if (
      user.toLowerCase() !== expected.username.toLowerCase() ||
      header(headers, 'Secret') !== expected.secret
    ) {
      return { status: 401, body: { Message: 'Authorization has been denied for this request.' } };
    }
    return null;
  }

  #segments(pathname: string): string[] {
    return pathname.toLowerCase().split('/').filter(Boolean);
  }
}
