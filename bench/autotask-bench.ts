import { benchImport } from './import-bench.js';
import { startSandboxProcess } from './sandbox-thread.js';

/** Autotask allows 3 concurrent requests per endpoint; more answers 429 "thread threshold". */
const CONCURRENCY = 3;
const LATENCY_MS = 50;
const HOURLY_BUDGET = 10_000;

/** 5,000 Autotask companies and 50,000 contacts behind 50 ms of latency per request. */
export async function benchAutotask(): Promise<Record<string, string | number>> {
  // In a child process, so the peak RSS is the bot's alone: a real PSA's records are not in our memory.
  const psa = await startSandboxProcess({
    provider: 'autotask',
    companies: 5_000,
    contactsPerCompany: 10,
    latencyMs: LATENCY_MS,
  });
  try {
    const figures = await benchImport({
      provider: 'autotask',
      credentials: psa.credentials,
      gateway: { providers: { autotask: { zoneBaseUrl: psa.zoneBaseUrl ?? '' } } },
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      stats: () => psa.stats(),
      resetStats: () => psa.resetStats(),
    });
    const requests = Number(figures['fetch requests']);
    return {
      ...figures,
      'share of the hourly budget (10,000)': `${((requests / HOURLY_BUDGET) * 100).toFixed(2)}%`,
    };
  } finally {
    await psa.close();
  }
}
