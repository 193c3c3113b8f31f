import { fetchWithConnectWiseRest } from './connectwise-rest-bench.js';
import { benchImport } from './import-bench.js';
import { startSandboxThread } from './sandbox-thread.js';

// The product default (PSA_CONCURRENCY): what an MSP gets without tuning.
const CONCURRENCY = 4;
const LATENCY_MS = 50;
/** The sandbox's default codebase (its API lives under /v2026_1/apis/3.0). */
const SANDBOX_CODEBASE = 'v2026_1/';

/** 5,000 ConnectWise companies and 50,000 contacts behind 50 ms of latency per request. */
export async function benchConnectWise(): Promise<Record<string, string | number>> {
  const psa = await startSandboxThread({
    provider: 'connectwise',
    companies: 5_000,
    contactsPerCompany: 10,
    latencyMs: LATENCY_MS,
  });
  try {
    const ours = await benchImport({
      provider: 'connectwise',
      credentials: psa.credentials,
      gateway: { providers: { connectwise: { concurrency: CONCURRENCY } } },
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
    return {
      ...ours,
      'connectwise-rest 1.3.0 paginator: records': `${theirs.companies} companies + ${theirs.contacts} contacts`,
      'connectwise-rest 1.3.0 paginator: requests': theirRequests,
      'connectwise-rest 1.3.0 paginator: fetch time (ms)': theirs.ms,
      'ours faster by (their time / our time)': (theirs.ms / ourMs).toFixed(2),
    };
  } finally {
    await psa.close();
  }
}
