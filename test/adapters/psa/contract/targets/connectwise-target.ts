import { createPsaGateway } from '../../../../../adapters/psa/gateway.js';
import type { SandboxFault } from '../../../../../adapters/psa/sandbox/connectwise/faults.js';
import {
  type SandboxConnectWise,
  startSandboxConnectWise,
} from '../../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { Secret } from '../../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../../src/ports/psa-gateway.js';
import type { ContractTarget, Failure } from '../psa-contract.js';
import { closedPort } from './closed-port.js';
import { CONTRACT_GATEWAY, LONG_RETRY_AFTER_SECONDS, SLOW_MS } from './gateway-context.js';

const SECRET = 'contract-cw-private-key-5e1';
const COMPANIES = '/company/companies';

/** ConnectWise against its sandbox, with 100-row pages so 250 companies span three. */
export function connectWiseTarget(): ContractTarget {
  let cw: SandboxConnectWise | undefined;
  let deadPort = 0;
  const sandbox = (): SandboxConnectWise => {
    if (cw === undefined) throw new Error('the sandbox ConnectWise is not started');
    return cw;
  };
  const open = (overrides: Record<string, string> = {}): PsaSession =>
    createPsaGateway({ ...CONTRACT_GATEWAY, providers: { connectwise: { pageSize: 100 } } }).open(
      'connectwise',
      new Secret({ ...sandbox().credentials, ...overrides }),
    );
  const faults: Record<Exclude<Failure, 'wrong credentials' | 'nobody listening'>, SandboxFault> = {
    'server error (5xx)': { path: COMPANIES, status: 500, times: Infinity },
    'forbidden (403)': { path: COMPANIES, status: 403 },
    'unexpected data': { path: COMPANIES, status: 200, body: 'html', times: Infinity },
    'rate limited past a long Retry-After': {
      path: COMPANIES,
      status: 429,
      retryAfterSeconds: LONG_RETRY_AFTER_SECONDS,
      times: Infinity,
    },
    'no answer in time': { path: COMPANIES, status: 200, delayMs: SLOW_MS, times: Infinity },
  };
  return {
    name: 'ConnectWise Manage (sandbox)',
    secret: SECRET,
    knowsTotals: true,
    async start() {
      cw = await startSandboxConnectWise({ companies: 250, credentials: { privateKey: SECRET } });
      deadPort = await closedPort();
    },
    stop: async () => cw?.close(),
    truth() {
      const { dataset } = sandbox();
      const inactiveStatus = new Set(dataset.statuses.filter((s) => s.inactiveFlag).map((s) => s.id));
      const listed = dataset.companies.filter(
        (c) =>
          !c.deletedFlag && c.id !== dataset.ownCompanyId && !c.types.some((t) => /^owner$/i.test(t.name)),
      );
      const inactive = listed.find((c) => inactiveStatus.has(c.status.id));
      return {
        everything: listed.map((c) => c.id),
        active: listed.filter((c) => !inactiveStatus.has(c.status.id)).map((c) => c.id),
        contactsOf: (ids) => dataset.contacts.filter((c) => ids.includes(c.company.id)).map((c) => c.id),
        absentId: 999_999,
        inactiveId: inactive?.id ?? 0,
        deletedId: dataset.companies.find((c) => c.deletedFlag)?.id ?? 0,
      };
    },
    open: () => open(),
    failing(failure) {
      if (failure === 'wrong credentials') return open({ privateKey: 'not-the-key' });
      if (failure === 'nobody listening') return open({ site: `http://127.0.0.1:${deadPort}` });
      sandbox().injectFault(faults[failure]);
      return open();
    },
    clearFaults: () => sandbox().clearFaults(),
  };
}
