import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createSecretBox } from '../../adapters/crypto/secret-box.js';
import { silentLogger } from '../../adapters/log/create-logger.js';
import { createPsaGateway } from '../../adapters/psa/gateway.js';
import {
  SANDBOX_EXISTING_MANAGED_COMPANIES,
  startSandboxConnectWise,
} from '../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { openStorage } from '../../adapters/storage/open-storage.js';
import type { Database } from '../../adapters/storage/schema.js';
import type { ImportBot, Maintenance, WorkspaceRef } from '../../src/app/bot-api.js';
import { createImportBot } from '../../src/app/create-import-bot.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { SequentialIds } from '../fakes/sequential-ids.js';
import { TEST_SETTINGS } from './core-harness.js';

/**
 * The real core on a temporary SQLite file with the sandbox ConnectWise, and a tenant seeded like
 * the terminal demo (existing managed companies, 500 licences with 120 in use) on the given
 * workspace. Deterministic ids and a manual clock, so two runs of the same flow can be compared.
 */
export interface SandboxApp {
  readonly bot: ImportBot;
  readonly maintenance: Maintenance;
  readonly db: Kysely<Database>;
  readonly clock: ManualClock;
  readonly tenantId: string;
  /** The sandbox ConnectWise's credential form values. */
  readonly credentials: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startSandboxApp(
  workspace: WorkspaceRef,
  admins: readonly { userId: string; displayName: string }[],
): Promise<SandboxApp> {
  const dir = mkdtempSync(join(tmpdir(), 'psa-teams-'));
  const opened = await openStorage(join(dir, 'test.db'), { migrate: true });
  const sandbox = await startSandboxConnectWise({ port: 0 });
  const clock = new ManualClock();
  const { bot, maintenance } = createImportBot({
    storage: opened.storage,
    psa: createPsaGateway({ timeoutMs: 10_000, logger: silentLogger() }),
    secrets: createSecretBox(randomBytes(32)),
    clock,
    ids: new SequentialIds(),
    logger: silentLogger(),
    settings: TEST_SETTINGS,
  });
  const { tenantId } = await maintenance.bootstrap({
    ...workspace,
    tenantName: 'Sandbox MSP',
    admins,
    licences: 500,
  });
  await maintenance.addCompanies(workspace, SANDBOX_EXISTING_MANAGED_COMPANIES);
  await opened.storage.repos.licences.addUsed(tenantId, 120);
  return {
    bot,
    maintenance,
    db: opened.db,
    clock,
    tenantId,
    credentials: sandbox.credentials,
    async close() {
      await sandbox.close();
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What an import leaves behind, without generated ids or times: the managed companies, which PSA
 * company and contact became which company and user, and the licences in use.
 */
export async function directorySnapshot(app: SandboxApp) {
  const companies = await app.db
    .selectFrom('managed_companies')
    .select(['id', 'name'])
    .where('tenant_id', '=', app.tenantId)
    .execute();
  const nameOf = new Map(companies.map((company) => [company.id, company.name]));
  const users = await app.db
    .selectFrom('managed_users')
    .select(['id', 'email', 'company_id', 'display_name'])
    .where('tenant_id', '=', app.tenantId)
    .execute();
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  const companyMap = await app.db
    .selectFrom('company_map')
    .select(['psa_company_id', 'managed_company_id'])
    .execute();
  const contactMap = await app.db
    .selectFrom('contact_map')
    .select(['psa_contact_id', 'managed_user_id'])
    .execute();
  const pool = await app.db
    .selectFrom('licence_pools')
    .select(['total', 'used'])
    .where('tenant_id', '=', app.tenantId)
    .executeTakeFirst();
  return {
    companies: companies.map((company) => company.name).sort(),
    users: users.map((user) => `${user.email.toLowerCase()} @ ${nameOf.get(user.company_id)}`).sort(),
    companyMap: companyMap
      .map((row) => `${row.psa_company_id} -> ${nameOf.get(row.managed_company_id)}`)
      .sort(),
    contactMap: contactMap
      .map((row) => `${row.psa_contact_id} -> ${emailOf.get(row.managed_user_id)}`)
      .sort(),
    licences: pool,
  };
}
