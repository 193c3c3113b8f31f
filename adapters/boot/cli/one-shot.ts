import { readFile, stat } from 'node:fs/promises';
import type { WorkspaceRef } from '../../../src/app/bot-api.js';
import { AppError, isAppError } from '../../../src/domain/errors.js';
import { isProvider, type Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import type { AppLogger } from '../../log/create-logger.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { openStorage } from '../../storage/open-storage.js';
import type { AppConfig } from '../config/load.js';
import { type App, createApp, storageOptions } from '../create-app.js';
import { type SandboxPsas, type SandboxTuning, startSandboxPsas } from '../sandbox-psas.js';
import { seedTerminalTenant, TERMINAL_WORKSPACE } from '../seed-terminal-tenant.js';
import { CliUsageError, type CredentialSource } from './args.js';
import { decodeCsvBytes, importReport, readCompanyCsv, type SkippedRow } from './company-csv.js';
import { parseCredentialsText } from './credentials-input.js';
import { diffCsv, diffJson } from './diff-output.js';

export interface OneShotContext {
  readonly config: AppConfig;
  readonly logger: AppLogger;
  readonly stdin: NodeJS.ReadableStream;
  readonly print: (text: string) => void;
  /** Warnings beside the output (stderr), so piped output stays clean. */
  readonly warn: (text: string) => void;
  readonly cwd: string;
  readonly sandbox: boolean;
  readonly sandboxTuning?: SandboxTuning;
}

function provider(name: string): Provider {
  if (!isProvider(name)) throw new AppError('unknown_provider');
  return name;
}

/**
 * The tenant of `workspace`, created as `npm start` creates it: the terminal chat's sandbox tenant
 * when the sandbox PSAs are on (so the one-shot commands work on a fresh database), otherwise from
 * BOOTSTRAP_ADMINS (createApp adds them).
 */
async function tenantFor(app: App, context: OneShotContext, workspace: WorkspaceRef): Promise<string> {
  const isTerminal =
    workspace.platform === TERMINAL_WORKSPACE.platform &&
    workspace.workspaceId === TERMINAL_WORKSPACE.workspaceId;
  if (isTerminal && context.sandbox) {
    const { seeded } = await seedTerminalTenant(app.maintenance, app.opened.storage);
    if (seeded) context.logger.info({}, 'seeded the sandbox tenant terminal:local');
  }
  const tenant = await app.opened.storage.repos.tenants.findByWorkspace(
    workspace.platform,
    workspace.workspaceId,
  );
  if (tenant !== null) return tenant.id;
  const ref = `${workspace.platform}:${workspace.workspaceId}`;
  throw new CliUsageError(
    `No tenant for ${ref} yet: add ${ref}:<admin user id> to BOOTSTRAP_ADMINS, or use the bot in that workspace first.`,
  );
}

/**
 * The app for one command on `workspace` (its tenant created if need be), with the sandbox PSAs
 * when configured; both closed afterwards.
 */
async function withApp<T>(
  context: OneShotContext,
  workspace: WorkspaceRef,
  usePsa: boolean,
  work: (app: App, tenantId: string) => Promise<T>,
): Promise<T> {
  let sandbox: SandboxPsas | null = null;
  if (usePsa && context.sandbox)
    sandbox = await startSandboxPsas({ logger: context.logger, ...context.sandboxTuning });
  try {
    const app = await createApp(context.config, {
      logger: context.logger,
      sandboxAutotaskZone: sandbox?.autotask.zoneBaseUrl ?? null,
    });
    try {
      return await work(app, await tenantFor(app, context, workspace));
    } finally {
      await app.stop();
    }
  } finally {
    await sandbox?.close();
  }
}

export async function runMigrate(context: OneShotContext): Promise<number> {
  const opened = await openStorage(
    context.config.core.databaseUrl.reveal(),
    storageOptions(context.config, context.logger),
  );
  try {
    const ran = await migrateToLatest(opened.db);
    context.print(
      ran.length === 0
        ? 'The database is up to date; no migration ran.\n'
        : `Ran ${ran.length} migration(s):\n${ran.map((name) => `  ${name}\n`).join('')}`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

export async function runDiff(
  context: OneShotContext,
  command: { provider: string; filterText: string; format: 'json' | 'csv'; workspace: WorkspaceRef },
): Promise<number> {
  const chosen = provider(command.provider);
  const lines = await withApp(context, command.workspace, true, (app) =>
    app.maintenance.previewDiff(command.workspace, chosen, command.filterText).catch((error: unknown) => {
      throw withoutQuotedInput(error);
    }),
  );
  context.print(command.format === 'csv' ? diffCsv(lines) : diffJson(lines));
  return 0;
}

/**
 * A filter may be a secret pasted in the wrong place: a parse error names the problem, never the
 * text (the core quotes the offending word; stderr may end up in CI logs).
 */
function withoutQuotedInput(error: unknown): unknown {
  if (!isAppError(error) || error.details.hint === undefined) return error;
  const hint = error.details.hint.replace(/"[^"]*"/g, '(not shown)');
  return new AppError(error.code, { ...error.details, hint }, { cause: error });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runConnect(
  context: OneShotContext,
  command: { provider: string; source: CredentialSource; workspace: WorkspaceRef },
): Promise<number> {
  const chosen = provider(command.provider);
  let text: string;
  if (command.source.kind === 'file') {
    text = await readFile(command.source.path, 'utf8');
    if (((await stat(command.source.path)).mode & 0o077) !== 0) {
      context.logger.warn({ path: command.source.path }, 'the credentials file is readable by other users');
    }
  } else {
    text = await readAll(context.stdin);
  }
  const credentials = new Secret(parseCredentialsText(text));
  await withApp(context, command.workspace, true, (app) =>
    app.maintenance.connect(command.workspace, chosen, credentials),
  );
  context.print(
    `Connected ${command.workspace.platform}:${command.workspace.workspaceId} to ${chosen}; the credentials are stored encrypted.\n`,
  );
  return 0;
}

export async function runCompaniesImport(
  context: OneShotContext,
  command: { file: string; workspace: WorkspaceRef },
): Promise<number> {
  const decoded = decodeCsvBytes(await readFile(command.file));
  if (decoded.warning !== null) context.warn(`Warning: ${decoded.warning}\n`);
  const { rows, skipped } = readCompanyCsv(decoded.text);
  const { added, present } = await withApp(context, command.workspace, false, async (app) => {
    const result = await app.maintenance.importCompanies(
      command.workspace,
      rows.map((row) => ({ name: row.name, domains: row.domains })),
    );
    // The core refuses a name that is the same once normalised, and says which name it repeats,
    // and a row with a domain it refuses, and says which domain and why.
    const refused = rows.flatMap((row, index): SkippedRow[] => {
      const problem = result.domainProblems[index] ?? null;
      if (problem !== null) return [{ ...row, reason: { kind: 'domain', ...problem } }];
      const existingName = result.existingNames[index] ?? null;
      return existingName === null ? [] : [{ ...row, reason: { kind: 'present', existingName } }];
    });
    return { added: result.added, present: refused };
  });
  const notAdded = [...skipped, ...present];
  context.print(importReport(added, notAdded));
  return 0;
}
