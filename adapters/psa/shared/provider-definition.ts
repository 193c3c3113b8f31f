/**
 * What a PSA provider module exports so `adapters/psa/gateway.ts` can register it in one line.
 *
 *   export const autotaskProvider: PsaProviderDefinition<AutotaskSettings> = {
 *     credentialFields: [...],
 *     open: (credentials, context, settings) => createAutotaskSession(credentials, context, settings),
 *   };
 *
 * `credentials` has already been checked against `credentialFields` (required fields present and
 * non-empty, every value trimmed) by `validateCredentials`; the provider checks the rest (URL
 * rules → invalid_input) and reveals secrets only where it builds the request that sends them.
 * `open` makes no request. Each session creates its own `createPsaHttp(context)` so
 * `requestCount()` is per session.
 */
import type { CredentialField, PsaCredentials, PsaSession } from '../../../src/ports/psa-gateway.js';
import type { PsaHttpOptions } from './psa-http.js';

/**
 * Shared by every provider: transport, time and randomness, all injectable for tests. The
 * provider adds its own `classify` and `limiter` when it creates its client.
 */
export type PsaProviderContext = Omit<PsaHttpOptions, 'classify' | 'limiter'>;

export interface PsaProviderDefinition<TSettings> {
  readonly credentialFields: readonly CredentialField[];
  open(credentials: PsaCredentials, context: PsaProviderContext, settings: TSettings | undefined): PsaSession;
}
