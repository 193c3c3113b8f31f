/**
 * MockAgent plumbing for the ConnectWise contract tests: a gateway wired to the agent with an
 * instant, recorded sleep, and a recorder of every request the provider sent.
 */
import { MockAgent } from 'undici';
import type { ConnectWiseSettings } from '../../../../adapters/psa/connectwise/connectwise-provider.js';
import { createPsaGateway } from '../../../../adapters/psa/gateway.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../src/ports/psa-gateway.js';

export const SITE = 'https://na.myconnectwise.net';
export const API = 'https://api-na.myconnectwise.net';
export const PREFIX = '/v2026_1/apis/3.0';
export const PRIVATE_KEY = 'canary-PRIVATE-key-7f3a91';
export const CREDENTIALS = {
  site: 'na.myconnectwise.net',
  companyId: 'acmemsp',
  publicKey: 'pubKEY42',
  privateKey: PRIVATE_KEY,
  clientId: 'client-0123',
  codebase: 'v2026_1',
};

export interface SeenRequest {
  readonly path: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
}

export function createHarness() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sleeps: number[] = [];
  const seen: SeenRequest[] = [];

  /** A gateway on the agent; its sessions share what the gateway keeps (detected codebases). */
  function gateway(settings: ConnectWiseSettings = {}, timeoutMs = 2_000, now?: () => number) {
    const opened = createPsaGateway({
      dispatcher: agent,
      timeoutMs,
      maxAttempts: 3,
      random: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...(now === undefined ? {} : { now }),
      providers: { connectwise: settings },
    });
    return {
      open: (extra: Record<string, string> = {}): PsaSession =>
        opened.open('connectwise', new Secret({ ...CREDENTIALS, ...extra })),
    };
  }

  /** A session on a gateway of its own. */
  function open(
    extra: Record<string, string> = {},
    settings: ConnectWiseSettings = {},
    timeoutMs = 2_000,
  ): PsaSession {
    return gateway(settings, timeoutMs).open(extra);
  }

  /** Records the request, then answers with `answer(request)`. */
  function route(
    origin: string,
    matches: (path: string) => boolean,
    answer: (request: SeenRequest) => { status?: number; body: unknown; headers?: Record<string, string> },
  ) {
    agent
      .get(origin)
      .intercept({ path: matches, method: 'GET' })
      .reply((options) => {
        const headers = Object.fromEntries(
          Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [
            k.toLowerCase(),
            v,
          ]),
        );
        const request = { path: options.path, url: new URL(options.path, origin), headers };
        seen.push(request);
        const { status = 200, body, headers: replyHeaders = {} } = answer(request);
        return {
          statusCode: status,
          data: typeof body === 'string' ? body : JSON.stringify(body),
          responseOptions: { headers: { 'content-type': 'application/json', ...replyHeaders } },
        };
      })
      .persist();
  }

  const api = (resource: string) => (path: string) => path.split('?')[0] === `${PREFIX}${resource}`;

  return { agent, sleeps, seen, gateway, open, route, api };
}
