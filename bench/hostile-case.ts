/**
 * One hostile case in a child process (`npm run bench -- hostile` starts it): fetches companies
 * from the hostile server whose credentials come as argv[2], and prints one JSON line with the
 * outcome, the time and this process's peak RSS.
 */
import { createPsaGateway } from '../adapters/psa/gateway.js';
import { isAppError } from '../src/domain/errors.js';
import { Secret } from '../src/domain/secret.js';
import { sampleMemory } from './memory-sampler.js';

async function main(): Promise<void> {
  const credentials = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const memory = sampleMemory(10);
  const started = performance.now();
  const session = createPsaGateway({ timeoutMs: 5_000, maxAttempts: 1 }).open(
    'connectwise',
    new Secret(credentials),
  );
  let outcome: string;
  try {
    let records = 0;
    await session.fetchCompanies(
      { typeIds: [], statusIds: [], activeOnly: false },
      () => {},
      async (page) => {
        records += page.length;
      },
    );
    outcome = `${records} records`;
  } catch (error) {
    outcome = isAppError(error) ? error.code : 'crash';
  }
  const { peakRssMb } = memory.stop();
  console.log(JSON.stringify({ outcome, ms: Math.round(performance.now() - started), peakRssMb }));
}

await main();
