import { PROVIDERS, type Provider, providerInfo } from '../src/domain/provider.js';
import { benchAutotask } from './autotask-bench.js';
import { benchConnectWise } from './connectwise-bench.js';
import { benchHalo } from './halopsa-bench.js';
import { benchSlackAck } from './slack-ack.js';

type Bench = () => Promise<Record<string, string | number>>;

/** One import bench per provider of the registry: a provider without one fails the build. */
const IMPORT_BENCHES: Readonly<Record<Provider, Bench>> = {
  connectwise: benchConnectWise,
  autotask: benchAutotask,
  halopsa: benchHalo,
};

/**
 * `npm run bench`: every benchmark in turn, each printed as a table. Figures, not assertions:
 * the targets are in the README and in the issue notes.
 */
const BENCHES: ReadonlyArray<readonly [string, Bench]> = [
  ...PROVIDERS.map(
    (provider) => [`${providerInfo(provider).shortLabel} import`, IMPORT_BENCHES[provider]] as const,
  ),
  ['Slack acknowledgement latency', benchSlackAck],
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, bench] of BENCHES) {
    if (only !== undefined && !name.toLowerCase().includes(only.toLowerCase())) continue;
    console.log(`\n== ${name}`);
    const figures = await bench();
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(48)} ${value}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
