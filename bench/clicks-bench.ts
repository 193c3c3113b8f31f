import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomIds } from '../adapters/boot/runtime.js';
import { createSecretBox } from '../adapters/crypto/secret-box.js';
import { silentLogger } from '../adapters/log/create-logger.js';
import { createPsaGateway } from '../adapters/psa/gateway.js';
import { openStorage } from '../adapters/storage/open-storage.js';
import type { ImportBot } from '../src/app/bot-api.js';
import { createImportBot } from '../src/app/create-import-bot.js';
import type { Intent } from '../src/app/intents.js';
import type { View } from '../src/app/views.js';
import type { Actor } from '../src/domain/chat-identity.js';
import { Secret } from '../src/domain/secret.js';
import { breakdownFigures, breakdownLines, ClickProbe } from './clicks-breakdown.js';
import { PhaseMemory } from './clicks-memory.js';
import { startSandboxProcess } from './sandbox-thread.js';

/** Samples of each click (`--samples N` for more). */
const SAMPLES = samplesOf(process.argv);

function samplesOf(argv: readonly string[]): number {
  const at = argv.indexOf('--samples');
  const value = at < 0 ? 25 : Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error('bench: --samples takes a whole number');
  return value;
}
const PAGE = 20;

function expect<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  if (view.kind !== kind)
    throw new Error(`bench: expected ${kind}, got ${JSON.stringify(view).slice(0, 300)}`);
  return view as Extract<View, { kind: K }>;
}

interface Stats {
  readonly median: number;
  readonly p95: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

type Measure = (name: string, click: (i: number) => Promise<View>) => Promise<Stats>;

/**
 * Runs one click `SAMPLES` times (the i-th call gets i) and returns its median and p95; with
 * `--breakdown`, each click's SQLite, event-loop and GC time go to `breakdown` (and stderr).
 */
function measurer(
  probe: ClickProbe,
  breakdown: Record<string, number>,
  settle: (name: string) => Promise<void>,
): Measure {
  const detailed = process.argv.includes('--breakdown');
  return async (name, click) => {
    await settle(name);
    const samples: number[] = [];
    const clicks: Parameters<ClickProbe['parts']>[0][number][] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const stop = probe.start();
      const view = await click(i);
      const timed = stop();
      samples.push(timed.partial.wallMs);
      clicks.push(timed);
      if (view.kind === 'error') throw new Error(`bench: click refused: ${JSON.stringify(view)}`);
    }
    if (detailed) {
      const parts = probe.parts(clicks);
      Object.assign(breakdown, breakdownFigures(name, parts));
      console.error(breakdownLines(name, parts));
    }
    return stats(samples);
  };
}

/**
 * One import through the core on a fresh SQLite file, against the sandbox ConnectWise (in a child
 * process, no latency, so the peak RSS is the bot's own), timing each kind of click an admin makes.
 */
export async function clicksAt(
  companies: number,
  contactsPerCompany: number,
): Promise<Record<string, number>> {
  const psa = await startSandboxProcess({
    provider: 'connectwise',
    companies,
    contactsPerCompany,
    latencyMs: 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'psa-clicks-'));
  const opened = await openStorage(join(dir, 'bench.db'), { migrate: true });
  const baselineRss = process.memoryUsage().rss;
  const memory = new PhaseMemory(opened.workerMemory);
  const probe = new ClickProbe(opened.workerActivity);
  const breakdown: Record<string, number> = {};
  const measure = measurer(probe, breakdown, (name) => settle(opened, name, walMb, breakdown));
  function walMb(): number {
    try {
      return Math.round((statSync(join(dir, 'bench.db-wal')).size / 1024 / 1024) * 10) / 10;
    } catch {
      return 0;
    }
  }
  await memory.phase('fetch and review');
  try {
    const { bot, maintenance } = createImportBot({
      storage: opened.storage,
      psa: createPsaGateway({ providers: { connectwise: { concurrency: 4 } } }),
      secrets: createSecretBox(randomBytes(32)),
      clock: { now: () => new Date() },
      ids: randomIds,
      logger: silentLogger(),
      settings: { lockTtlMs: 3_600_000, approvalTtlMs: 3_600_000, defaultApprovalPolicy: 'second-admin' },
    });
    const workspace = { platform: 'terminal', workspaceId: 'bench' } as const;
    await maintenance.bootstrap({
      ...workspace,
      tenantName: 'Bench MSP',
      admins: [
        { userId: 'alice', displayName: 'Alice' },
        { userId: 'bob', displayName: 'Bob' },
      ],
      licences: 1_000_000,
    });
    const alice: Actor = { ...workspace, userId: 'alice', displayName: 'Alice' };
    const bob: Actor = { ...workspace, userId: 'bob', displayName: 'Bob' };
    const as = (actor: Actor, intent: Intent): Promise<View> => (bot as ImportBot).handle(actor, intent);
    expect(
      await as(alice, {
        kind: 'connect',
        provider: 'connectwise',
        credentials: new Secret(psa.credentials),
      }),
      'connected',
    );
    // The sandbox holds same-name companies: "create all" puts both on Create, which submit
    // refuses until the admin chooses Create on each (issue 11), as an admin would here.
    const twins = async (runId: string) =>
      (await opened.storage.repos.runRows.duplicateCreates(runId, 1_000)).creates.map(
        (entry) => entry.psaCompanyId,
      );
    const figures = await clickThrough(as, alice, bob, { memory, measure, walMb }, baselineRss, twins);
    return { ...figures, ...breakdown };
  } finally {
    probe.stop();
    await memory.end();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
    await psa.close();
  }
}

type Ask = (actor: Actor, intent: Intent) => Promise<View>;

async function clickThrough(
  as: Ask,
  alice: Actor,
  bob: Actor,
  { memory, measure, walMb }: { memory: PhaseMemory; measure: Measure; walMb: () => number },
  baselineRss: number,
  twins: (runId: string) => Promise<number[]>,
): Promise<Record<string, number>> {
  const first = expect(
    await as(alice, { kind: 'import', provider: 'connectwise', filterText: 'all', pageSize: PAGE }),
    'review',
  );
  await memory.phase('company clicks');
  const runId = first.run.runId;
  const pages = first.paging.totalItems / PAGE;
  const paging = (i: number) => ({ page: (i * 7) % Math.max(1, Math.floor(pages)), pageSize: PAGE });
  const review = await measure('review', (i) => as(alice, { kind: 'review', runId, paging: paging(i) }));
  const rows = first.rows;
  const companyDecision = await measure('companyDecision', (i) => {
    const row = rows[i % rows.length];
    if (row === undefined) throw new Error('bench: empty review');
    return as(alice, {
      kind: 'decide-companies',
      runId,
      decisions: [{ psaCompanyId: row.psaCompanyId, decision: { kind: i % 2 === 0 ? 'skip' : 'create' } }],
      paging: { page: 0, pageSize: PAGE },
    });
  });
  const companyBulk = await measure('companyBulk', (i) =>
    as(alice, {
      kind: 'bulk-companies',
      runId,
      action: i % 2 === 0 ? 'create-all-unmapped' : 'reset',
      paging: { page: 0, pageSize: PAGE },
    }),
  );
  const confirm = await twins(runId);
  if (confirm.length > 0) {
    expect(
      await as(alice, {
        kind: 'decide-companies',
        runId,
        decisions: confirm.map((psaCompanyId) => ({ psaCompanyId, decision: { kind: 'create' } })),
        paging: { page: 0, pageSize: PAGE },
      }),
      'review',
    );
  }
  await memory.phase('users');
  const walAtUsers = walMb();
  const overview = expect(
    await as(alice, { kind: 'continue-to-users', runId, paging: { page: 0, pageSize: PAGE } }),
    'users',
  );
  const companyIds = overview.companies.map((company) => company.psaCompanyId);
  const usersOverview = await measure('usersOverview', (i) =>
    as(alice, { kind: 'users', runId, psaCompanyId: null, paging: paging(i) }),
  );
  const usersCompany = await measure('usersCompany', (i) =>
    as(alice, {
      kind: 'users',
      runId,
      psaCompanyId: companyIds[i % companyIds.length] ?? null,
      paging: { page: 0, pageSize: PAGE },
    }),
  );
  const oneCompany = expect(
    await as(alice, {
      kind: 'users',
      runId,
      psaCompanyId: companyIds[0] ?? null,
      paging: { page: 0, pageSize: PAGE },
    }),
    'users',
  );
  const contacts = oneCompany.contacts.filter((contact) => contact.allowed.includes('grant'));
  const userDecision = await measure('userDecision', (i) => {
    const contact = contacts[i % contacts.length];
    if (contact === undefined) throw new Error('bench: no eligible contact');
    return as(alice, {
      kind: 'decide-users',
      runId,
      decisions: [{ psaContactId: contact.psaContactId, decision: { kind: i % 2 === 0 ? 'grant' : 'skip' } }],
      paging: { page: 0, pageSize: PAGE },
    });
  });
  const userBulk = await measure('userBulk', (i) =>
    as(alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: companyIds[i % companyIds.length] ?? null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: { page: 0, pageSize: PAGE },
    }),
  );
  expect(
    await as(alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: { page: 0, pageSize: PAGE },
    }),
    'users',
  );
  await memory.phase('submit');
  const submitStart = performance.now();
  const approval = expect(await as(alice, { kind: 'submit', runId }), 'approval');
  const submit = performance.now() - submitStart;
  const showApproval = await measure('showApproval', () =>
    as(bob, { kind: 'show-run', runId, paging: { page: 0, pageSize: PAGE } }),
  );
  await memory.phase('apply');
  const applyStart = performance.now();
  const applyCpu = process.cpuUsage();
  const result = expect(await as(bob, { kind: 'approve', runId, version: approval.run.version }), 'result');
  const apply = performance.now() - applyStart;
  const cpu = process.cpuUsage(applyCpu);
  await memory.end();
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    'review page median': review.median,
    'review page p95': review.p95,
    'users overview page median': usersOverview.median,
    'users overview page p95': usersOverview.p95,
    'users company page median': usersCompany.median,
    'users company page p95': usersCompany.p95,
    'one company decision median': companyDecision.median,
    'one company decision p95': companyDecision.p95,
    'one user decision median': userDecision.median,
    'one user decision p95': userDecision.p95,
    'bulk companies (all rows) median': companyBulk.median,
    'bulk companies (all rows) p95': companyBulk.p95,
    'bulk users (one company) median': userBulk.median,
    'bulk users (one company) p95': userBulk.p95,
    'submit (once)': round(submit),
    'show approval median': showApproval.median,
    'show approval p95': showApproval.p95,
    'apply (once)': round(apply),
    'WAL when the users step began (MB)': walAtUsers,
    // On a busy machine the wall time above waits for the CPU; this is the apply's own work.
    'apply CPU (ms)': Math.round((cpu.user + cpu.system) / 1000),
    'users granted': approval.counts.usersGrant,
    'users imported': result.result.usersImported,
    'RSS before import (MB)': Math.round(baselineRss / 1024 / 1024),
    'peak RSS (MB)': memory.peakRssMb(),
    'peak RSS before the apply (MB)': memory.peakRssMb((phase) => phase !== 'apply'),
    'peak heap (MB)': memory.peakHeapMb(),
    'SQLite thread peak heap (MB)': memory.workerPeakHeapMb(),
    ...(process.argv.includes('--memory') ? memory.figures() : {}),
  };
}

/** The flags a scale's child needs: `--memory`, `--breakdown`, `--samples N`. */
function childFlags(argv: readonly string[]): string[] {
  const samples = argv.indexOf('--samples');
  return [
    ...argv.filter((arg) => arg === '--memory' || arg === '--breakdown' || arg === '--no-settle'),
    ...(samples < 0 ? [] : argv.slice(samples, samples + 2)),
  ];
}

/**
 * Before each kind of click, the WAL of the previous phase is folded back (one checkpoint, queued
 * behind the background checkpointer's): an admin reads a page for seconds before the next click,
 * in which the checkpointer does this anyway, but back-to-back the first clicks after a 50,000-row
 * write shared the two cores with its checkpoint. `--no-settle` measures without it.
 */
async function settle(
  opened: { checkpoint(): Promise<unknown> },
  name: string,
  walMb: () => number,
  breakdown: Record<string, number>,
): Promise<void> {
  breakdown[`${name} WAL before (MB)`] = walMb();
  if (process.argv.includes('--no-settle')) return;
  const start = performance.now();
  await opened.checkpoint();
  breakdown[`${name} settle (ms)`] = Math.round((performance.now() - start) * 10) / 10;
}

/** One scale in a fresh child process: its peak RSS is its own, not the sum of both scales. */
async function clicksInChild(companies: number, contactsPerCompany: number): Promise<Record<string, number>> {
  const child = fork(
    fileURLToPath(new URL('./clicks-child.js', import.meta.url)),
    // `--memory`: every phase's breakdown (main thread and SQLite thread) among the figures.
    [String(companies), String(contactsPerCompany), ...childFlags(process.argv)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  let figures: Record<string, number> | null = null;
  child.on('message', (message: Record<string, number>) => {
    figures = message;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (figures === null) throw new Error(`bench: the clicks child (${companies}) exited with ${code}`);
  return figures;
}

/** The cost of each click at 500/5,000 and at 5,000/50,000 companies/contacts. */
export async function benchClicks(): Promise<Record<string, string | number>> {
  const small = await clicksInChild(500, 10);
  const large = await clicksInChild(5_000, 10);
  const figures: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(small)) figures[`500/5k: ${key}`] = value;
  for (const [key, value] of Object.entries(large)) figures[`5k/50k: ${key}`] = value;
  return figures;
}
