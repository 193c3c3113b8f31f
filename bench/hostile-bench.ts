import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHostileConnectWise } from '../adapters/psa/sandbox/hostile/hostile-connectwise.js';

const CASES = ['huge-array', 'endless-links', 'huge-body', 'long-name', 'nul-name', 'drip'] as const;

/** Runs one case's client in a child process, so its peak RSS is the client's alone. */
async function runCase(credentials: Readonly<Record<string, string>>): Promise<string> {
  const script = fileURLToPath(new URL('./hostile-case.js', import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(credentials)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  const line = JSON.parse(output.trim() || '{}') as { outcome?: string; ms?: number; peakRssMb?: number };
  return `${line.outcome ?? 'no answer'} after ${line.ms ?? '?'} ms, peak RSS ${line.peakRssMb ?? '?'} MB`;
}

/** Each hostile answer against a fresh client process: the outcome, its time and peak RSS (target < 300 MB). */
export async function benchHostile(): Promise<Record<string, string | number>> {
  const figures: Record<string, string> = {};
  for (const mode of CASES) {
    const psa = await startHostileConnectWise(mode);
    try {
      figures[mode] = await runCase(psa.credentials);
    } finally {
      await psa.close();
    }
  }
  return figures;
}
