import { CONNECTWISE_DEFAULTS } from '../adapters/psa/connectwise/connectwise-provider.js';
import { createPsaGateway } from '../adapters/psa/gateway.js';
import { Secret } from '../src/domain/secret.js';
import type { PsaGateway } from '../src/ports/psa-gateway.js';
import { fetchWithConnectWiseRest } from './connectwise-rest-bench.js';
import { benchImport } from './import-bench.js';
import { timed } from './memory-sampler.js';
import { startSandboxProcess } from './sandbox-thread.js';

// The product default (PSA_CONCURRENCY): what an MSP gets without tuning.
const CONCURRENCY = CONNECTWISE_DEFAULTS.concurrency;
const LATENCY_MS = 50;
/** The sandbox's default codebase (its API lives under /v2026_1/apis/3.0). */
const SANDBOX_CODEBASE = 'v2026_1/';

/**
 * 5,000 ConnectWise companies and 50,000 contacts behind 50 ms of latency per request. The import
 * measured is the connection's second: the bot keeps the codebase it detected on the first
 * (codebase-cache.ts), as connectwise-rest is told it (`entryPoint`). The first fetch on the
 * connection, which detects it (one request and one round trip more), is printed beside it.
 */
export async function benchConnectWise(): Promise<Record<string, string | number>> {
  const psa = await startSandboxProcess({
    provider: 'connectwise',
    companies: 5_000,
    contactsPerCompany: 10,
    latencyMs: LATENCY_MS,
    // Both clients read the same pages from bytes kept by the warm-up passes: the sandbox's own
    // page building (a core's worth at this size) would otherwise be part of both times.
    answerCacheBytes: 256 * 1024 * 1024,
  });
  try {
    // One untimed pass of each client first: the timed runs then compare steady states (JIT-compiled
    // code on both sides, the sandbox's per-projection caches filled) instead of charging whichever
    // runs first with the warm-up.
    const options = { providers: { connectwise: { concurrency: CONCURRENCY } } };
    await fetchAll(createPsaGateway(options), psa.credentials);
    await fetchWithConnectWiseRest(psa.credentials, SANDBOX_CODEBASE);
    // The connection's first fetch, on a gateway that has not detected the codebase yet.
    const gateway = createPsaGateway(options);
    await psa.resetStats();
    const cold = await timed(() => fetchAll(gateway, psa.credentials));
    const coldRequests = (await psa.stats()).requests;
    const ours = await benchImport({
      provider: 'connectwise',
      credentials: psa.credentials,
      gateway: options,
      openGateway: gateway,
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      stats: () => psa.stats(),
      resetStats: () => psa.resetStats(),
    });
    // The same sandbox, data and latency, read by connectwise-rest's paginator in the same run.
    await psa.resetStats();
    const theirs = await fetchWithConnectWiseRest(psa.credentials, SANDBOX_CODEBASE);
    const theirRequests = (await psa.stats()).requests;
    const ourMs = Number(ours['fetch time (ms)']);
    const coldIdeal = Math.round((coldRequests / CONCURRENCY) * LATENCY_MS);
    return {
      ...ours,
      'first fetch on the connection (detects the codebase): requests': coldRequests,
      'first fetch on the connection: time (ms)': cold.ms,
      'first fetch on the connection: / ideal': Number((cold.ms / Math.max(1, coldIdeal)).toFixed(2)),
      'connectwise-rest 1.3.0 paginator: records': `${theirs.companies} companies + ${theirs.contacts} contacts`,
      'connectwise-rest 1.3.0 paginator: requests': theirRequests,
      'connectwise-rest 1.3.0 paginator: fetch time (ms)': theirs.ms,
      'ours faster by (their time / our time)': (theirs.ms / ourMs).toFixed(2),
      'first fetch on the connection faster by (their time / its time)': (theirs.ms / cold.ms).toFixed(2),
    };
  } finally {
    await psa.close();
  }
}

/** Every company, then every contact of them, as an import reads them (nothing kept). */
async function fetchAll(gateway: PsaGateway, credentials: Readonly<Record<string, string>>): Promise<void> {
  const session = gateway.open('connectwise', new Secret(credentials));
  const ids: number[] = [];
  await session.fetchCompanies(
    { typeIds: [], statusIds: [], activeOnly: false },
    () => {},
    async (page) => {
      for (const company of page) ids.push(company.psaId);
    },
  );
  await session.fetchContacts(
    ids,
    () => {},
    async () => {},
  );
}
