import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../adapters/crypto/secret-box.js';
import { silentLogger } from '../../adapters/log/create-logger.js';
import type { ImportBot, Maintenance } from '../../src/app/bot-api.js';
import { createImportBot } from '../../src/app/create-import-bot.js';
import type { AppDeps, AppSettings } from '../../src/app/deps.js';
import type { View } from '../../src/app/views.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import { Secret } from '../../src/domain/secret.js';
import type { PsaGateway } from '../../src/ports/psa-gateway.js';
import { FakePsaGateway } from '../fakes/fake-psa-gateway.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { SequentialIds } from '../fakes/sequential-ids.js';
import type { TestStorage } from './storage-dialects.js';

export const WORKSPACE = { platform: 'terminal', workspaceId: 'local' } as const;

export function admin(userId: string): Actor {
  return { ...WORKSPACE, userId, displayName: userId[0]?.toUpperCase() + userId.slice(1) };
}

export interface CoreHarness {
  readonly bot: ImportBot;
  readonly maintenance: Maintenance;
  readonly deps: AppDeps;
  readonly clock: ManualClock;
  readonly psa: FakePsaGateway;
  readonly tenantId: string;
  readonly alice: Actor;
  readonly bob: Actor;
}

export const TEST_SETTINGS: AppSettings = {
  lockTtlMs: 30 * 60_000,
  approvalTtlMs: 24 * 3_600_000,
  defaultApprovalPolicy: 'second-admin',
};

/**
 * The real core on a real database with an in-process PSA: a tenant on `terminal:local` with the
 * admins alice and bob, the given managed companies and licences, and the fake PSA connected.
 */
export async function coreHarness(
  db: TestStorage,
  options: { managedCompanies?: readonly string[]; licences?: number; psa?: PsaGateway } = {},
): Promise<CoreHarness> {
  const clock = new ManualClock();
  const psa = new FakePsaGateway();
  const deps: AppDeps = {
    storage: db.storage,
    psa: options.psa ?? psa,
    secrets: createSecretBox(randomBytes(32)),
    clock,
    ids: new SequentialIds(),
    logger: silentLogger(),
    settings: TEST_SETTINGS,
  };
  const { bot, maintenance } = createImportBot(deps);
  const { tenantId } = await maintenance.bootstrap({
    ...WORKSPACE,
    tenantName: 'Test MSP',
    admins: [
      { userId: 'alice', displayName: 'Alice' },
      { userId: 'bob', displayName: 'Bob' },
    ],
    licences: options.licences ?? 100,
  });
  if (options.managedCompanies !== undefined) {
    // Straight into the directory, not through the add path: tests seed normalised twins ("Acme
    // Inc" beside "ACME, Inc.") on purpose, which `/psa companies add` refuses.
    const createdAt = clock.now().toISOString();
    await db.storage.repos.companies.insertMany(
      tenantId,
      options.managedCompanies.map((name) => ({ id: deps.ids.next(), name, createdAt })),
    );
  }
  const alice = admin('alice');
  const bob = admin('bob');
  return { bot, maintenance, deps, clock, psa, tenantId, alice, bob };
}

export async function connect(harness: CoreHarness, key = 'good-key'): Promise<View> {
  return harness.bot.handle(harness.alice, {
    kind: 'connect',
    provider: 'connectwise',
    credentials: new Secret({ apiKey: key }),
  });
}

/** Narrows a view to the expected kind, failing the test with the actual view otherwise. */
export function expectView<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  if (view.kind !== kind) {
    throw new Error(`expected a ${kind} view, got ${JSON.stringify(view).slice(0, 500)}`);
  }
  return view as Extract<View, { kind: K }>;
}

/** The version of the run an approver sees now, for approve and reject intents. */
export async function versionOf(bot: ImportBot, actor: Actor, runId: string): Promise<number> {
  const view = await bot.handle(actor, { kind: 'show-run', runId, paging: { page: 0, pageSize: 1 } });
  if (view.kind !== 'approval' && view.kind !== 'result')
    throw new Error(`no run version in a ${view.kind} view`);
  return view.run.version;
}
