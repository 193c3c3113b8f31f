import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomIds } from '../adapters/boot/runtime.js';
import { createSecretBox } from '../adapters/crypto/secret-box.js';
import { silentLogger } from '../adapters/log/create-logger.js';
import type { PsaGatewayOptions } from '../adapters/psa/gateway.js';
import { createPsaGateway } from '../adapters/psa/gateway.js';
import { openStorage } from '../adapters/storage/open-storage.js';
import { createImportBot } from '../src/app/create-import-bot.js';
import type { View } from '../src/app/views.js';
import { assessContacts } from '../src/domain/contact-assessment.js';
import { NO_OVERRIDES, type UserDecision } from '../src/domain/decisions.js';
import { diffCompanies } from '../src/domain/diff.js';
import { buildPlan } from '../src/domain/plan.js';
import type { Plan } from '../src/domain/plan-model.js';
import type { Provider } from '../src/domain/provider.js';
import type { PsaCompany, PsaContact } from '../src/domain/psa-records.js';
import { Secret } from '../src/domain/secret.js';
import type { FetchOutcome, PageSink, PsaGateway, PsaSession } from '../src/ports/psa-gateway.js';
import { sampleMemory, timed } from './memory-sampler.js';

export interface ImportBenchTarget {
  readonly provider: Provider;
  readonly credentials: Readonly<Record<string, string>>;
  readonly gateway: PsaGatewayOptions;
  /** A gateway already used on this PSA (what it keeps between sessions is then warm); else a new one. */
  readonly openGateway?: PsaGateway;
  /** Requests the PSA may have in flight at once (per endpoint for Autotask). */
  readonly concurrency: number;
  readonly latencyMs: number;
  /** What the sandbox saw since the last reset. */
  stats(): Promise<{ requests: number; maxConcurrent: number }>;
  resetStats(): Promise<void>;
}

function expect<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  if (view.kind !== kind)
    throw new Error(`bench: expected ${kind}, got ${JSON.stringify(view).slice(0, 300)}`);
  return view as Extract<View, { kind: K }>;
}

const ALL = { page: 0, pageSize: 1 };
const FILTER = { typeIds: [], statusIds: [], activeOnly: false };

/**
 * One full import of a large PSA: the fetch measured on its own (requests, time against the
 * ideal (requests / concurrency) × latency), the import through the real core on a fresh SQLite
 * file, and, once the peak RSS is taken, the plan (diff, contact assessment, plan) in memory.
 * The bench holds nothing the product does not: the fetch is counted as pages pass.
 */
export async function benchImport(target: ImportBenchTarget): Promise<Record<string, string | number>> {
  const baselineRss = process.memoryUsage().rss;
  const memory = sampleMemory();
  const gateway = target.openGateway ?? createPsaGateway(target.gateway);
  const session = gateway.open(target.provider, new Secret(target.credentials));
  await target.resetStats();
  const companyIds: number[] = [];
  const companies = await timed(() =>
    session.fetchCompanies(
      FILTER,
      () => {},
      async (page) => {
        for (const company of page) companyIds.push(company.psaId);
      },
    ),
  );
  let contactCount = 0;
  const contacts = await timed(() =>
    session.fetchContacts(
      companyIds,
      () => {},
      async (page) => {
        contactCount += page.length;
      },
    ),
  );
  const seen = await target.stats();
  const fetchRequests = seen.requests;
  const fetchMs = companies.ms + contacts.ms;
  const ideal = Math.round((fetchRequests / target.concurrency) * target.latencyMs);

  const dir = mkdtempSync(join(tmpdir(), 'psa-bench-'));
  const opened = await openStorage(join(dir, 'bench.db'), { migrate: true });
  try {
    const { bot, maintenance } = createImportBot({
      storage: opened.storage,
      psa: gateway,
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
    const alice = { ...workspace, userId: 'alice', displayName: 'Alice' };
    const bob = { ...workspace, userId: 'bob', displayName: 'Bob' };
    expect(
      await bot.handle(alice, {
        kind: 'connect',
        provider: target.provider,
        credentials: new Secret(target.credentials),
      }),
      'connected',
    );
    const review = expect(
      await bot.handle(alice, { kind: 'import', provider: target.provider, filterText: 'all', pageSize: 20 }),
      'review',
    );
    const runId = review.run.runId;
    expect(await bot.handle(alice, { kind: 'continue-to-users', runId, paging: ALL }), 'users');
    const users = expect(
      await bot.handle(alice, {
        kind: 'bulk-users',
        runId,
        psaCompanyId: null,
        action: 'grant-all-eligible',
        contactType: null,
        paging: ALL,
      }),
      'users',
    );
    const approval = expect(await bot.handle(alice, { kind: 'submit', runId }), 'approval');
    const applied = await timed(() =>
      bot.handle(bob, { kind: 'approve', runId, version: approval.run.version }),
    );
    const result = expect(applied.value, 'result').result;
    const peak = memory.stop();
    const plan = await planInMemory(gateway.open(target.provider, new Secret(target.credentials)));
    return {
      provider: target.provider,
      companies: companyIds.length,
      contacts: contactCount,
      'fetch requests': fetchRequests,
      concurrency: target.concurrency,
      'max in flight seen by the PSA': seen.maxConcurrent,
      'latency per request (ms)': target.latencyMs,
      'fetch time (ms)': fetchMs,
      '  of which companies / contacts (ms)': `${companies.ms} / ${contacts.ms}`,
      'ideal (requests / concurrency) x latency (ms)': ideal,
      'fetch / ideal': Number((fetchMs / Math.max(1, ideal)).toFixed(2)),
      'plan time (ms)': plan.ms,
      'plan: companies / users to create': `${plan.value.counts.companiesCreate} / ${plan.value.counts.usersGrant}`,
      'apply time, SQLite (ms)': applied.ms,
      'applied: companies / users': `${result.companiesCreated} / ${result.usersImported}`,
      'users granted in the flow': users.counts.usersGrant,
      'RSS before import (MB)': Math.round(baselineRss / 1024 / 1024),
      'peak RSS (MB)': peak.peakRssMb,
      'peak heap (MB)': peak.peakHeapMb,
    };
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The plan of the whole import built in memory from a second fetch (diff, contact assessment,
 * plan), timed without the fetch; after the peak RSS is taken, as the product never does this.
 */
async function planInMemory(session: PsaSession): Promise<{ ms: number; value: Plan }> {
  const fetched = await gatherPages<PsaCompany>((sink) => session.fetchCompanies(FILTER, () => {}, sink));
  const contacts = await gatherPages<PsaContact>((sink) =>
    session.fetchContacts(
      fetched.map((company) => company.psaId),
      () => {},
      sink,
    ),
  );
  return timed(async () => {
    const review = diffCompanies({ fetched, links: [], companies: [], missingCauses: new Map() });
    const rows = assessContacts({
      contacts,
      review,
      overrides: NO_OVERRIDES,
      companies: [],
      users: [],
      contactLinks: [],
    });
    // The admin's "grant all eligible": the plan then creates every eligible user.
    const users: Record<string, UserDecision> = {};
    for (const row of rows) if (row.ineligible === null) users[String(row.contact.psaId)] = { kind: 'grant' };
    return buildPlan(review, rows, { companies: {}, users });
  });
}

/** The fetch's pages gathered whole, for the in-memory plan only. */
async function gatherPages<T>(fetch: (sink: PageSink<T>) => Promise<FetchOutcome>): Promise<T[]> {
  const records: T[] = [];
  await fetch(async (page) => {
    records.push(...page);
  });
  return records;
}
