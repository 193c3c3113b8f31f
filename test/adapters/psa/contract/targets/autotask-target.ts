import { createPsaGateway } from '../../../../../adapters/psa/gateway.js';
import type { SandboxFault } from '../../../../../adapters/psa/sandbox/autotask/faults.js';
import {
  type SandboxAutotask,
  startSandboxAutotask,
} from '../../../../../adapters/psa/sandbox/autotask/server.js';
import { Secret } from '../../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../../src/ports/psa-gateway.js';
import type { ContractTarget, Failure } from '../psa-contract.js';
import { closedPort } from './closed-port.js';
import { CONTRACT_GATEWAY, LONG_RETRY_AFTER_SECONDS, SLOW_MS } from './gateway-context.js';

const PATH = 'Companies';

/** Autotask against its sandbox: 1,100 companies, so the 500-record pages run to a third. */
export function autotaskTarget(): ContractTarget {
  let at: SandboxAutotask | undefined;
  let deadPort = 0;
  const sandbox = (): SandboxAutotask => {
    if (at === undefined) throw new Error('the sandbox Autotask is not started');
    return at;
  };
  const open = (overrides: Record<string, string> = {}, zoneBaseUrl = sandbox().zoneBaseUrl): PsaSession =>
    createPsaGateway({ ...CONTRACT_GATEWAY, providers: { autotask: { zoneBaseUrl } } }).open(
      'autotask',
      new Secret({ ...sandbox().credentials, ...overrides }),
    );
  const faults: Record<Exclude<Failure, 'wrong credentials' | 'nobody listening'>, SandboxFault> = {
    'server error (5xx)': { path: PATH, status: 500, times: Infinity },
    'forbidden (403)': { path: PATH, status: 403, times: Infinity },
    'unexpected data': { path: PATH, status: 200, body: 'html', times: Infinity },
    // The thread limit is Autotask's short-lived 429 (its hourly budget has its own code).
    'rate limited past a long Retry-After': {
      path: PATH,
      status: 429,
      body: { json: { errors: ['Thread threshold exceeded'] } },
      headers: { 'retry-after': String(LONG_RETRY_AFTER_SECONDS) },
      times: Infinity,
    },
    'no answer in time': { path: PATH, delayMs: SLOW_MS, times: Infinity },
  };
  return {
    name: 'Datto Autotask (sandbox)',
    secret: 'sandbox-autotask-secret',
    knowsTotals: true,
    async start() {
      at = await startSandboxAutotask({ companies: 1_100, contactsPerCompany: 1 });
      deadPort = await closedPort();
    },
    stop: async () => at?.close(),
    truth() {
      const { data, cases } = sandbox();
      const listed = data.companies.filter((c) => c.id > 0);
      return {
        everything: listed.map((c) => c.id),
        active: listed.filter((c) => c.isActive).map((c) => c.id),
        contactsOf: (ids) => data.contacts.filter((c) => ids.includes(c.companyID)).map((c) => c.id),
        absentId: 999_999,
        inactiveId: cases.inactiveCustomerIds[0] ?? 0,
      };
    },
    open: () => open(),
    failing(failure) {
      if (failure === 'wrong credentials') return open({ secret: 'not-the-secret' });
      if (failure === 'nobody listening') return open({}, `http://127.0.0.1:${deadPort}`);
      sandbox().injectFault(faults[failure]);
      return open();
    },
    clearFaults: () => sandbox().clearFaults(),
  };
}
