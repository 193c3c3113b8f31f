import type { PsaGatewayOptions } from '../../../../../adapters/psa/gateway.js';

/**
 * Short timeouts and no real waiting between retries, so failures show quickly. A fault's delay
 * of SLOW_MS is well past the timeout.
 */
export const CONTRACT_GATEWAY: PsaGatewayOptions = {
  timeoutMs: 1_500,
  maxAttempts: 2,
  random: () => 0,
  sleep: async () => {},
};

export const SLOW_MS = 3_000;

/** Longer than any provider waits out: the error carries it instead. */
export const LONG_RETRY_AFTER_SECONDS = 3_600;
