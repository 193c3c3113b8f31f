import { benchAutotask } from './autotask-bench.js';
import { benchConnectWise } from './connectwise-bench.js';
import { benchSlackAck } from './slack-ack.js';
import { benchWebhooks } from './webhooks-bench.js';

type Bench = () => Promise<Record<string, string | number>>;

/**
 * `npm run bench`: every benchmark in turn, each printed as a table. Figures, not assertions:
 * the targets are in the README and in the issue notes.
 */
const BENCHES: ReadonlyArray<readonly [string, Bench]> = [
  ['ConnectWise import', benchConnectWise],
  ['Autotask import', benchAutotask],
  ['Slack acknowledgement latency', benchSlackAck],
  ['Webhooks and the outbox', benchWebhooks],
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
