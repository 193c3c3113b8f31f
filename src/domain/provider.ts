/** The PSAs the bot can import from. The id is also the word admins type: `/psa import connectwise`. */
export const PROVIDERS = ['connectwise', 'autotask'] as const;
export type Provider = (typeof PROVIDERS)[number];

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  connectwise: 'ConnectWise Manage',
  autotask: 'Datto Autotask',
};
