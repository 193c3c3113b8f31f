/**
 * The PsaGateway: one entry per provider of the domain registry (src/domain/provider.ts); a
 * provider missing here fails the build. Its settings type then appears in
 * `PsaGatewayOptions.providers` on its own.
 *
 *   const gateway = createPsaGateway({ timeoutMs: 30_000, providers: { connectwise: { concurrency: 6 } } });
 *   const session = gateway.open('connectwise', credentials); // validates, makes no request
 */
import { AppError } from '../../src/domain/errors.js';
import type { Provider } from '../../src/domain/provider.js';
import type { CredentialField, PsaCredentials, PsaGateway, PsaSession } from '../../src/ports/psa-gateway.js';
import { autotaskProvider } from './autotask/autotask-provider.js';
import { connectWiseProvider } from './connectwise/connectwise-provider.js';
import { haloProvider } from './halopsa/halo-provider.js';
import { validateCredentials } from './shared/credentials.js';
import type { PsaProviderContext, PsaProviderDefinition } from './shared/provider-definition.js';

const PROVIDERS = {
  connectwise: connectWiseProvider,
  autotask: autotaskProvider,
  halopsa: haloProvider,
} satisfies { readonly [P in Provider]: PsaProviderDefinition<never> };

type Registry = typeof PROVIDERS;
type SettingsOf<D> = D extends PsaProviderDefinition<infer S> ? S : never;

export interface PsaGatewayOptions extends Omit<PsaProviderContext, 'timeoutMs' | 'maxAttempts'> {
  /** Per attempt; default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts for retryable failures, first included; default 4. */
  readonly maxAttempts?: number;
  readonly providers?: { readonly [P in keyof Registry]?: SettingsOf<Registry[P]> };
}

function definitionFor(provider: Provider): PsaProviderDefinition<unknown> {
  const definition = (PROVIDERS as Partial<Record<Provider, PsaProviderDefinition<unknown>>>)[provider];
  if (definition === undefined) throw new AppError('unknown_provider');
  return definition;
}

export function createPsaGateway(options: PsaGatewayOptions = {}): PsaGateway {
  const { providers, ...rest } = options;
  const context: PsaProviderContext = {
    ...rest,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 4,
  };
  return {
    credentialFields(provider: Provider): readonly CredentialField[] {
      return definitionFor(provider).credentialFields;
    },
    open(provider: Provider, credentials: PsaCredentials): PsaSession {
      const definition = definitionFor(provider);
      const checked = validateCredentials(definition.credentialFields, credentials);
      const settings = (providers as Partial<Record<Provider, unknown>> | undefined)?.[provider];
      return definition.open(checked, context, settings);
    },
  };
}
