import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomIds } from '../adapters/boot/runtime.js';
import { createSecretBox } from '../adapters/crypto/secret-box.js';
import { silentLogger } from '../adapters/log/create-logger.js';
import { openStorage } from '../adapters/storage/open-storage.js';
import { createWebhookDispatcher } from '../adapters/webhooks/dispatcher.js';
import { safePost } from '../adapters/webhooks/safe-post.js';
import type { AppDeps } from '../src/app/deps.js';
import { applyPlan } from '../src/app/use-cases/apply-plan.js';
import type { Plan } from '../src/domain/plan-model.js';
import type { ImportRun } from '../src/domain/run.js';
import type { Repositories } from '../src/ports/storage.js';
import { timed } from './memory-sampler.js';

const COMPANIES = 5_000;
const USERS = 50_000;
const ROUNDS = 3;
const THROUGHPUT_EVENTS = 5_000;

function syntheticPlan(): Plan {
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({
    psaCompanyId: i + 1,
    name: `Bench Company ${i + 1}`,
    decision: { kind: 'create' } as const,
    targetCompanyId: null,
  }));
  const users = Array.from({ length: USERS }, (_, i) => ({
    psaContactId: i + 1,
    companyPsaId: (i % COMPANIES) + 1,
    email: `user${i + 1}@bench.test`,
    displayName: `User ${i + 1}`,
    decision: { kind: 'grant' } as const,
    linkedUserId: null,
  }));
  const counts = {
    companiesCreate: COMPANIES,
    companiesMap: 0,
    companiesUnmap: 0,
    companiesKeep: 0,
    companiesSkip: 0,
    usersGrant: USERS,
    usersKeep: 0,
    usersMap: 0,
    usersSkip: 0,
    usersIneligible: 0,
  };
  return { companies, users, counts };
}

/** The same repositories with the outbox append turned into a no-op: the apply as it was before. */
function withoutOutbox(repos: Repositories): Repositories {
  const outbox = { ...repos.directoryApi.outbox, append: async () => {} };
  return { ...repos, directoryApi: { ...repos.directoryApi, outbox } };
}

async function applyOnce(plan: Plan, outbox: boolean): Promise<{ ms: number; events: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const opened = await openStorage(join(dir, 'bench.db'), { migrate: true });
  try {
    const now = new Date().toISOString();
    const repos = opened.storage.repos;
    await repos.tenants.insert({ id: 't-1', name: 'Bench', approvalPolicy: 'self', createdAt: now });
    await repos.integrations.upsert({
      id: 'int-1',
      tenantId: 't-1',
      provider: 'connectwise',
      sealedCredentials: 'x',
      createdAt: now,
      updatedAt: now,
    });
    await repos.licences.setTotal('t-1', USERS * 2);
    const run = {
      id: 'run-1',
      tenantId: 't-1',
      integrationId: 'int-1',
      provider: 'connectwise',
      contacts: null,
    };
    const deps = { clock: { now: () => new Date() }, ids: randomIds } as unknown as AppDeps;
    const applied = await timed(() =>
      opened.storage.transaction((trx) =>
        applyPlan(deps, outbox ? trx : withoutOutbox(trx), run as unknown as ImportRun, plan),
      ),
    );
    const events = (await repos.directoryApi.outbox.changesSince('t-1', 0, 1_000_000)).length;
    return { ms: applied.ms, events };
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function throughput(): Promise<{ ms: number; delivered: number }> {
  let received = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200).end();
      received += 1;
      if (received >= THROUGHPUT_EVENTS) done();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhooks-'));
  const opened = await openStorage(join(dir, 'bench.db'), { migrate: true });
  const key = randomBytes(32);
  const box = createSecretBox(key);
  const now = new Date().toISOString();
  const repos = opened.storage.repos;
  await repos.tenants.insert({ id: 't-1', name: 'Bench', approvalPolicy: 'self', createdAt: now });
  await repos.directoryApi.endpoints.insert({
    id: 'ep-1',
    tenantId: 't-1',
    url,
    events: [],
    sealedSecret: box.seal(`whsec_${randomBytes(32).toString('base64')}`, 'ep-1'),
    sealedPreviousSecret: null,
    previousSecretUntil: null,
    disabledAt: null,
    disabledReason: null,
    createdBy: 'bench',
    createdAt: now,
    updatedAt: now,
  });
  await repos.directoryApi.outbox.append(
    Array.from({ length: THROUGHPUT_EVENTS }, (_, i) => ({
      event: { id: `evt_${i}`, type: 'user.created' as const, timestamp: now, data: { runId: 'r', n: i } },
      tenantId: 't-1',
      runId: 'r',
    })),
  );
  const dispatcher = createWebhookDispatcher({
    storage: opened.storage,
    secrets: box,
    clock: { now: () => new Date() },
    logger: silentLogger(),
    owner: 'bench',
    post: (u, h, b) => safePost(u, h, b, { allowPrivate: false, timeoutMs: 10_000 }),
    random: Math.random,
    leaseMs: 60_000,
    batchSize: 200,
    concurrency: 16,
    pollMs: 10,
  });
  const result = await timed(async () => {
    dispatcher.start();
    await all;
  });
  await dispatcher.stop();
  await opened.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms: result.ms, delivered: received };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** `npm run bench -- webhooks`: delivery rate to a loopback receiver, and the outbox's cost in an apply. */
export async function benchWebhooks(): Promise<Record<string, string | number>> {
  const delivered = await throughput();
  const plan = syntheticPlan();
  const without: number[] = [];
  const withOutbox: number[] = [];
  let events = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    without.push((await applyOnce(plan, false)).ms);
    const applied = await applyOnce(plan, true);
    withOutbox.push(applied.ms);
    events = applied.events;
  }
  const base = median(without);
  const outbox = median(withOutbox);
  return {
    'events delivered to a loopback receiver': delivered.delivered,
    'delivery time (ms)': delivered.ms,
    'events per second': Math.round((delivered.delivered / delivered.ms) * 1000),
    [`apply ${COMPANIES} companies / ${USERS} users, no outbox (median ms)`]: base,
    'apply with the outbox (median ms)': outbox,
    'events written by the apply': events,
    'outbox overhead': `${(((outbox - base) / base) * 100).toFixed(1)} %`,
    'rounds (ms, without | with)': `${without.join(' ')} | ${withOutbox.join(' ')}`,
  };
}
