import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createSecretBox } from '../adapters/crypto/secret-box.js';
import { silentLogger } from '../adapters/log/create-logger.js';
import { openStorage } from '../adapters/storage/open-storage.js';
import { createImportBot } from '../src/app/create-import-bot.js';
import type { Clock } from '../src/ports/clock.js';
import { FakePsaGateway } from '../test/fakes/fake-psa-gateway.js';
import { SequentialIds } from '../test/fakes/sequential-ids.js';
import {
  ALICE as ADMIN,
  SIGNING_SECRET,
  startSlackHarness,
  MSP_TEAM as TEAM,
} from '../test/fakes/slack-api.js';

export const COMMANDS = 200;
export const CONCURRENCY = 20;

export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export const round = (ms: number): number => Math.round(ms * 100) / 100;

interface ClientResult {
  readonly latencies: number[];
  readonly failures: number;
  /** The client thread's "CPU / waiting for a core (ms)" while it sent (Linux). */
  readonly threadMs?: string;
  readonly error?: string;
}

/** Sends the bodies from another thread (see slack-ack-client.ts) and returns what it measured. */
export function sendFromAnotherThread(url: string, bodies: readonly string[]): Promise<ClientResult> {
  const worker = new Worker(new URL('./slack-ack-client.js', import.meta.url), {
    workerData: { url, secret: SIGNING_SECRET, bodies, concurrency: CONCURRENCY },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ClientResult) => {
      void worker.terminate();
      if (result.error !== undefined) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

/**
 * Acknowledgement latency of `/psa` slash commands: 200 signed commands, 20 in flight at a time,
 * from another thread against the real HTTP server on loopback, with the real core on SQLite doing each command's
 * work after the ack (a `/psa status`) and a fake Slack Web API taking the replies. Slack gives
 * up after 3 s; the ack must not wait for the work.
 */
export async function benchSlackAck(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'psa-slack-bench-'));
  const opened = await openStorage(join(dir, 'bench.db'), { migrate: true });
  const clock: Clock = { now: () => new Date() };
  const { bot, maintenance } = createImportBot({
    storage: opened.storage,
    psa: new FakePsaGateway(),
    secrets: createSecretBox(randomBytes(32)),
    clock,
    ids: new SequentialIds(),
    logger: silentLogger(),
    settings: {
      lockTtlMs: 30 * 60_000,
      approvalTtlMs: 24 * 3_600_000,
      defaultApprovalPolicy: 'second-admin',
    },
  });
  await maintenance.bootstrap({
    platform: 'slack',
    workspaceId: TEAM,
    tenantName: 'Bench MSP',
    admins: [{ userId: ADMIN.id, displayName: 'alice' }],
  });
  const harness = await startSlackHarness({ bot, clock });
  try {
    // Warm up the path (JIT, the first auth.test) outside the measurement.
    await harness.sender.command(ADMIN, 'status');
    await harness.surface.idle();
    const bodies = Array.from({ length: COMMANDS }, () => harness.sender.commandBody(ADMIN, 'status'));
    const started = performance.now();
    const { latencies, failures } = await sendFromAnotherThread(harness.botUrl, bodies);
    const ackedAll = performance.now() - started;
    await harness.surface.idle();
    const drained = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      commands: COMMANDS,
      'in flight at a time': CONCURRENCY,
      'non-200 answers': failures,
      'ack latency p50 (ms)': round(percentile(sorted, 50)),
      'ack latency p99 (ms)': round(percentile(sorted, 99)),
      'ack latency max (ms)': round(sorted.at(-1) ?? 0),
      'all acknowledged after (ms)': Math.round(ackedAll),
      'all replies sent after (ms)': Math.round(drained),
      'private replies sent': harness.fake.responses.length,
      "Slack's limit (ms)": 3000,
    };
  } finally {
    await harness.close();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
