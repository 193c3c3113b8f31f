import { HALO_DEFAULTS } from '../adapters/psa/halopsa/halo-provider.js';
import { benchImport } from './import-bench.js';
import { startSandboxThread } from './sandbox-thread.js';

const LATENCY_MS = 50;
/** What Halo reports in its 429 text: 300 requests per rolling 5 minutes. */
const HALO_LIMIT = 300;
const HALO_WINDOW_MS = 300_000;

/**
 * The least time N requests can take, one at a time at `latencyMs` each, when at most `limit` may
 * start in any rolling window: each full window's worth beyond the first waits for the window to
 * roll over.
 */
export function rateLimitBoundIdealMs(
  requests: number,
  latencyMs: number,
  limit: number,
  windowMs: number,
): number {
  if (requests <= 0) return 0;
  const fullWindows = Math.floor((requests - 1) / limit);
  return fullWindows * windowMs + (((requests - 1) % limit) + 1) * latencyMs;
}

/**
 * 5,000 Halo clients and 50,000 users behind 50 ms of latency, 100-row pages and the rolling
 * window. Pages are read one at a time (Halo's paging has no cursor to split on, and the window,
 * not latency, bounds the time), so the ideal is bound by the rate limit: about five minutes.
 */
export async function benchHalo(): Promise<Record<string, string | number>> {
  const psa = await startSandboxThread({
    provider: 'halopsa',
    companies: 5_000,
    contactsPerCompany: 10,
    latencyMs: LATENCY_MS,
  });
  try {
    const figures = await benchImport({
      provider: 'halopsa',
      credentials: psa.credentials,
      gateway: {},
      concurrency: 1,
      latencyMs: LATENCY_MS,
      stats: () => psa.stats(),
      resetStats: () => psa.resetStats(),
    });
    const requests = Number(figures['fetch requests']);
    const fetchMs = Number(figures['fetch time (ms)']);
    const ideal = rateLimitBoundIdealMs(requests, LATENCY_MS, HALO_LIMIT, HALO_WINDOW_MS);
    const seen = await psa.stats();
    return {
      ...figures,
      'page cap (rows) / window': `100 / ${HALO_LIMIT} requests per ${HALO_WINDOW_MS / 60_000} min (client paces to ${HALO_DEFAULTS.rateWindow.limit})`,
      'rate-limit-bound ideal (ms)': ideal,
      'fetch / rate-limit-bound ideal': Number((fetchMs / Math.max(1, ideal)).toFixed(3)),
      '429 answers (whole run, flow included)': seen.rateLimited,
    };
  } finally {
    await psa.close();
  }
}
