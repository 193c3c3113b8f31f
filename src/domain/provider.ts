/**
 * The PSAs the bot can import from: ONE registry, and everything that names a provider (help
 * texts, command hints, connect form and modal titles, dialogs, `/psa cancel`, `/psa status`, the
 * banner, the bench) derives from it. Adding a PSA is one entry here plus its adapter in
 * `adapters/psa/gateway.ts`; the type system then points at every place that needs a value for it.
 *
 *   PROVIDERS                      -> ['connectwise', 'autotask', 'halopsa']
 *   providerInfo('halopsa').label  -> 'HaloPSA'
 *   providerWords()                -> 'connectwise|autotask|halopsa'
 */

export interface ProviderInfo {
  /** The word admins type: `/psa import connectwise`. Also the stored integration key. */
  readonly id: string;
  /** The product's full name, in sentences: "Import from ConnectWise Manage applied". */
  readonly label: string;
  /** A short name for tight places (Slack modal titles are 24 characters at most). */
  readonly shortLabel: string;
  /** What the admin needs before connecting, in one line (help and connect forms). */
  readonly needs: string;
}

const REGISTRY = [
  {
    id: 'connectwise',
    label: 'ConnectWise Manage',
    shortLabel: 'ConnectWise',
    needs: 'an API member (public and private key) and a client ID',
  },
  {
    id: 'autotask',
    label: 'Datto Autotask',
    shortLabel: 'Autotask',
    needs: 'an API-only user (username, secret) and its integration code',
  },
  {
    id: 'halopsa',
    label: 'HaloPSA',
    shortLabel: 'HaloPSA',
    needs: 'a Halo API application with client credentials (client ID and secret)',
  },
] as const satisfies readonly ProviderInfo[];

export type Provider = (typeof REGISTRY)[number]['id'];

export const PROVIDERS: readonly Provider[] = REGISTRY.map((entry) => entry.id);

/** What a form offers first when nothing is chosen yet: the registry's first entry. */
export const DEFAULT_PROVIDER: Provider = REGISTRY[0].id;

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

export function providerInfo(provider: Provider): ProviderInfo {
  const found = REGISTRY.find((entry) => entry.id === provider);
  // Unreachable for a Provider; the fallback keeps the function total without a cast.
  return found ?? { id: provider, label: provider, shortLabel: provider, needs: '' };
}

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = Object.fromEntries(
  REGISTRY.map((entry) => [entry.id, entry.label]),
) as Record<Provider, string>;

/** The provider words joined for a usage line: `connectwise|autotask|halopsa`. */
export function providerWords(separator = '|'): string {
  return PROVIDERS.join(separator);
}

/** "`connectwise`, `autotask` or `halopsa`", for hints that name every choice. */
export function providerChoicesText(): string {
  const words = PROVIDERS.map((id) => `\`${id}\``);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The title of the private credentials form: "Connect ConnectWise" (fits a Slack modal title). */
export function connectFormTitle(provider: Provider): string {
  return `Connect ${providerInfo(provider).shortLabel}`;
}
