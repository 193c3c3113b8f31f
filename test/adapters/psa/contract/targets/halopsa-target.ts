import { createPsaGateway } from '../../../../../adapters/psa/gateway.js';
import {
  SANDBOX_HALO_CREDENTIALS,
  type SandboxHalo,
  startSandboxHalo,
} from '../../../../../adapters/psa/sandbox/halopsa/server.js';
import { Secret } from '../../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../../src/ports/psa-gateway.js';
import type { ContractTarget, Failure } from '../psa-contract.js';
import { closedPort } from './closed-port.js';
import { CONTRACT_GATEWAY, LONG_RETRY_AFTER_SECONDS, SLOW_MS } from './gateway-context.js';

/** HaloPSA against its sandbox: 260 clients, so lists span three capped pages. */
export function haloTarget(): ContractTarget {
  let halo: SandboxHalo | undefined;
  let deadPort = 0;
  const sandbox = (): SandboxHalo => {
    if (halo === undefined) throw new Error('the sandbox HaloPSA is not started');
    return halo;
  };
  const open = (overrides: Record<string, string> = {}): PsaSession => {
    const { baseUrl, credentials } = sandbox();
    return createPsaGateway(CONTRACT_GATEWAY).open(
      'halopsa',
      new Secret({
        baseUrl,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        ...overrides,
      }),
    );
  };
  const faults: Record<Exclude<Failure, 'wrong credentials' | 'nobody listening'>, () => void> = {
    'server error (5xx)': () => sandbox().injectFault({ path: '/api/Client', status: 500, times: Infinity }),
    'forbidden (403)': () =>
      sandbox().injectFault({ path: '/api/Client', status: 403, body: { json: { ClassName: 'Forbidden' } } }),
    'unexpected data': () => sandbox().injectFault({ path: '/api/Client', status: 200, body: 'html' }),
    'rate limited past a long Retry-After': () =>
      sandbox().injectFault({
        path: '/api/Client',
        status: 429,
        body: { text: 'Rate Limit Reached - 300 Requests per rolling 5 minute window' },
        headers: { 'retry-after': String(LONG_RETRY_AFTER_SECONDS) },
      }),
    'no answer in time': () => sandbox().injectFault({ path: '/api/Client', delayMs: SLOW_MS }),
  };
  return {
    name: 'HaloPSA (sandbox)',
    secret: SANDBOX_HALO_CREDENTIALS.clientSecret,
    knowsTotals: true,
    async start() {
      halo = await startSandboxHalo({ clients: 260, usersPerClient: 3 });
      deadPort = await closedPort();
    },
    stop: async () => halo?.close(),
    truth() {
      const { data } = sandbox();
      const clients = data.clients.filter((c) => !c.internal);
      const noise = new Set([
        data.cases.serviceAccountUserId,
        data.cases.agentUserId,
        data.cases.generalUserId,
      ]);
      return {
        everything: clients.map((c) => c.id),
        active: clients.filter((c) => !c.inactive).map((c) => c.id),
        contactsOf: (ids) =>
          data.users.filter((u) => ids.includes(u.client_id) && !noise.has(u.id)).map((u) => u.id),
        absentId: 999_999,
        inactiveId: data.cases.inactiveClientIds[0] ?? 0,
      };
    },
    open: () => open(),
    failing(failure) {
      if (failure === 'wrong credentials') return open({ clientSecret: 'not-the-secret' });
      if (failure === 'nobody listening') return open({ baseUrl: `http://127.0.0.1:${deadPort}` });
      faults[failure]();
      return open();
    },
    clearFaults: () => sandbox().clearFaults(),
  };
}
