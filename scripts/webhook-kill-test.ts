import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { createSecretBox } from '../adapters/crypto/secret-box.js';
import { openStorage } from '../adapters/storage/open-storage.js';
import { createWebhookDispatcher } from '../adapters/webhooks/dispatcher.js';
import { safePost } from '../adapters/webhooks/safe-post.js';

/*
 * kill -9 while webhooks are in flight (issue 13). The parent writes events to the outbox of a
 * SQLite file and runs a loopback receiver; a child process delivers them and is killed with
 * SIGKILL at random moments, again and again, while more events arrive. At the end one child
 * runs to completion. Passes when every event arrived, every signature verifies, and every
 * duplicate carries the id of an event (never a new id for the same event).
 *
 *   npm run build && node dist/scripts/webhook-kill-test.js [kills=25] [events=3000]
 */

const SELF = fileURLToPath(import.meta.url);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

async function child(dbPath: string, keyHex: string): Promise<void> {
  const opened = await openStorage(dbPath);
  const dispatcher = createWebhookDispatcher({
    storage: opened.storage,
    secrets: createSecretBox(Buffer.from(keyHex, 'hex')),
    clock: { now: () => new Date() },
    logger: silent,
    owner: `child:${process.pid}:${randomBytes(6).toString('hex')}`,
    post: (url, headers, body) => safePost(url, headers, body, { allowPrivate: false, timeoutMs: 5000 }),
    random: Math.random,
    leaseMs: 1000,
    batchSize: 50,
    concurrency: 8,
    pollMs: 20,
  });
  dispatcher.start();
  process.on('SIGTERM', () => {
    void dispatcher
      .stop()
      .then(() => opened.close())
      .then(() => process.exit(0));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function parent(kills: number, eventCount: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-kill-'));
  const dbPath = join(dir, 'kill.db');
  const key = randomBytes(32);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const verifier = new Webhook(secret);
  const seen = new Map<string, number>();
  let badSignatures = 0;
  const receivedTotal = () => [...seen.values()].reduce((sum, n) => sum + n, 0);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      try {
        verifier.verify(body, headers);
      } catch {
        badSignatures += 1;
      }
      seen.set(headers['webhook-id'], (seen.get(headers['webhook-id']) ?? 0) + 1);
      // A little latency so kills land while requests are in flight.
      setTimeout(() => res.writeHead(200).end(), Math.floor(Math.random() * 15));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  const opened = await openStorage(dbPath, { migrate: true });
  const repos = opened.storage.repos;
  const now = () => new Date().toISOString();
  await repos.tenants.insert({ id: 't-1', name: 'MSP', approvalPolicy: 'self', createdAt: now() });
  await repos.directoryApi.endpoints.insert({
    id: 'ep-1',
    tenantId: 't-1',
    url,
    events: [],
    sealedSecret: createSecretBox(key).seal(secret, 'ep-1'),
    sealedPreviousSecret: null,
    previousSecretUntil: null,
    disabledAt: null,
    disabledReason: null,
    createdBy: 'kill-test',
    createdAt: now(),
    updatedAt: now(),
  });
  const written: string[] = [];
  const emit = async (count: number) => {
    const events = Array.from({ length: count }, () => ({
      id: `evt_${randomBytes(9).toString('base64url')}`,
      type: 'user.created' as const,
      timestamp: now(),
      data: { runId: 'run-kill', provider: 'connectwise', n: written.length },
    }));
    await opened.storage.transaction((r) =>
      r.directoryApi.outbox.append(events.map((event) => ({ event, tenantId: 't-1', runId: 'run-kill' }))),
    );
    written.push(...events.map((e) => e.id));
  };

  const start = (): ChildProcess =>
    spawn(process.execPath, [SELF, '--child', dbPath, key.toString('hex')], { stdio: 'inherit' });
  const perRound = Math.ceil(eventCount / (kills + 1));
  let killed = 0;
  let deliveredAtKills = 0;
  for (let round = 0; round < kills; round += 1) {
    await emit(perRound);
    const proc = start();
    // Kill only once this child is delivering, at a random moment after that.
    const before = receivedTotal();
    const waitStart = Date.now();
    while (receivedTotal() === before && Date.now() - waitStart < 10_000) await sleep(5);
    await sleep(Math.floor(Math.random() * 250));
    deliveredAtKills = seen.size;
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.once('exit', resolve));
    killed += 1;
    process.stdout.write(`kill ${killed}: ${seen.size}/${written.length} distinct events received\n`);
  }
  await emit(eventCount - written.length > 0 ? eventCount - written.length : perRound);
  const last = start();
  const started = Date.now();
  while (written.some((id) => !seen.has(id)) && Date.now() - started < 120_000) await sleep(100);
  last.kill('SIGTERM');
  await new Promise((resolve) => last.once('exit', resolve));

  const missing = written.filter((id) => !seen.has(id));
  const unknown = [...seen.keys()].filter((id) => !written.includes(id));
  const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  console.log(
    JSON.stringify(
      {
        kills: killed,
        events: written.length,
        receivedDistinct: seen.size,
        missing: missing.length,
        unknownIds: unknown.length,
        duplicateDeliveries: duplicates,
        badSignatures,
        deliveredBeforeLastKill: deliveredAtKills,
      },
      null,
      2,
    ),
  );
  await opened.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  const ok = missing.length === 0 && unknown.length === 0 && badSignatures === 0 && killed >= 20;
  console.log(ok ? 'PASS: every event delivered; duplicates only under their own webhook-id' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
}

const [flag, a, b] = process.argv.slice(2);
if (flag === '--child') {
  await child(a ?? '', b ?? '');
} else {
  await parent(Number(flag ?? 25), Number(a ?? 3000));
}
