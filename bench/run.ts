import { PROVIDERS, type Provider, providerInfo } from '../src/domain/provider.js';
import { benchAutotask } from './autotask-bench.js';
import { benchClicks } from './clicks-bench.js';
import { benchConnectWise } from './connectwise-bench.js';
import { benchHalo } from './halopsa-bench.js';
import { benchHostile } from './hostile-bench.js';
import { benchMatching } from './matching-bench.js';
import { benchSlackAck } from './slack-ack.js';
import { benchSlackAckMixed } from './slack-ack-mixed.js';
import { benchWebhooks } from './webhooks-bench.js';

type Bench = () => Promise<Record<string, string | number>>;

/** One import bench per provider of the registry: a provider without one fails the build. */
const IMPORT_BENCHES: Readonly<Record<Provider, Bench>> = {
  connectwise: benchConnectWise,
  autotask: benchAutotask,
  halopsa: benchHalo,
};

/**
 * `npm run bench [-- <case>] [--json]`: every benchmark (or those whose name contains <case>) in
 * turn, each printed as a table, or with --json as one JSON object of named figures per line.
 * Figures, not assertions: the targets are in the README and in the issue notes.
 */
const BENCHES: ReadonlyArray<readonly [string, Bench]> = [
  ...PROVIDERS.map(
    (provider) => [`${providerInfo(provider).shortLabel} import`, IMPORT_BENCHES[provider]] as const,
  ),
  ['Slack acknowledgement latency', benchSlackAck],
  ['Clicks through the core', benchClicks],
  ['Duplicate matching', benchMatching],
  ['Slack acknowledgement latency, mixed with a large import', benchSlackAckMixed],
  ['Hostile ConnectWise (client in a child process)', benchHostile],
  ['Webhooks and the outbox', benchWebhooks],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args.find((arg) => !arg.startsWith('--'));
  for (const [name, bench] of BENCHES) {
    if (only !== undefined && !name.toLowerCase().includes(only.toLowerCase())) continue;
    if (!json) console.log(`\n== ${name}`);
    const figures = await bench();
    if (json) {
      console.log(JSON.stringify({ case: name, ...figures }));
      continue;
    }
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(48)} ${value}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
