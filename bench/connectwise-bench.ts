import { benchImport } from './import-bench.js';
import { startSandboxThread } from './sandbox-thread.js';

// The product default (PSA_CONCURRENCY): what an MSP gets without tuning.
const CONCURRENCY = 4;
const LATENCY_MS = 50;

/** 5,000 ConnectWise companies and 50,000 contacts behind 50 ms of latency per request. */
export async function benchConnectWise(): Promise<Record<string, string | number>> {
  const psa = await startSandboxThread({
    provider: 'connectwise',
    companies: 5_000,
    contactsPerCompany: 10,
    latencyMs: LATENCY_MS,
  });
  try {
    return await benchImport({
      provider: 'connectwise',
      credentials: psa.credentials,
      gateway: { providers: { connectwise: { concurrency: CONCURRENCY } } },
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      stats: () => psa.stats(),
      resetStats: () => psa.resetStats(),
    });
  } finally {
    await psa.close();
  }
}
