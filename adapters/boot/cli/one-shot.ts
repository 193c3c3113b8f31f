import { readFile, stat } from 'node:fs/promises';
import type { WorkspaceRef } from '../../../src/app/bot-api.js';
import { AppError } from '../../../src/domain/errors.js';
import { isProvider, type Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import type { AppLogger } from '../../log/create-logger.js';
import { migrateToLatest } from '../../storage/migrator.js';
import { openStorage } from '../../storage/open-storage.js';
import type { AppConfig } from '../config/load.js';
import { type App, createApp } from '../create-app.js';
import { type SandboxPsas, type SandboxTuning, startSandboxPsas } from '../sandbox-psas.js';
import type { CredentialSource } from './args.js';
import { parseCredentialsText } from './credentials-input.js';
import { companyNamesFromCsv } from './csv.js';
import { diffCsv, diffJson } from './diff-output.js';

export interface OneShotContext {
  readonly config: AppConfig;
  readonly logger: AppLogger;
  readonly stdin: NodeJS.ReadableStream;
  readonly print: (text: string) => void;
  readonly cwd: string;
  readonly sandbox: boolean;
  readonly sandboxTuning?: SandboxTuning;
}

function provider(name: string): Provider {
  if (!isProvider(name)) throw new AppError('unknown_provider');
  return name;
}

/** The app for one command, with the sandbox PSAs when configured; both closed afterwards. */
async function withApp<T>(
  context: OneShotContext,
  usePsa: boolean,
  work: (app: App) => Promise<T>,
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
      return await work(app);
    } finally {
      await app.stop();
    }
  } finally {
    await sandbox?.close();
  }
}

export async function runMigrate(context: OneShotContext): Promise<number> {
  const opened = await openStorage(context.config.core.databaseUrl.reveal());
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
  const lines = await withApp(context, true, (app) =>
    app.maintenance.previewDiff(command.workspace, chosen, command.filterText),
  );
  context.print(command.format === 'csv' ? diffCsv(lines) : diffJson(lines));
  return 0;
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
  await withApp(context, true, (app) => app.maintenance.connect(command.workspace, chosen, credentials));
  context.print(
    `Connected ${command.workspace.platform}:${command.workspace.workspaceId} to ${chosen}; the credentials are stored encrypted.\n`,
  );
  return 0;
}

export async function runCompaniesImport(
  context: OneShotContext,
  command: { file: string; workspace: WorkspaceRef },
): Promise<number> {
  const names = companyNamesFromCsv(await readFile(command.file, 'utf8'));
  const result = await withApp(context, false, (app) =>
    app.maintenance.addCompanies(command.workspace, names),
  );
  context.print(`Added ${result.added} managed companies; skipped ${result.skipped} already present.\n`);
  return 0;
}
