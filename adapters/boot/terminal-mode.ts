import { join } from 'node:path';
import { DigestInbox } from '../chat/terminal/digest-inbox.js';
import { renderView } from '../chat/terminal/render-view.js';
import { runTerminalChat } from '../chat/terminal/terminal-chat.js';
import type { AppLogger } from '../log/create-logger.js';
import { terminalBanner } from './banner.js';
import type { AppConfig } from './config/load.js';
import { createApp } from './create-app.js';
import { dataDir } from './data-dir.js';
import { digestDeliverer } from './digest-scheduler.js';
import { startWebhooks } from './directory-api.js';
import { type SandboxPsas, type SandboxTuning, startSandboxPsas } from './sandbox-psas.js';
import { SANDBOX_ADMINS, seedTerminalTenant, TERMINAL_WORKSPACE } from './seed-terminal-tenant.js';

export interface TerminalStreams {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

export interface TerminalModeOptions {
  readonly config: AppConfig;
  readonly logger: AppLogger;
  readonly logFile: string;
  readonly streams: TerminalStreams;
  readonly cwd: string;
  /** Run against the sandbox PSAs, seeding the demo tenant on first use. */
  readonly sandbox: boolean;
  readonly sandboxTuning?: SandboxTuning;
  /** `psa-import shell --as <admin>`. */
  readonly actAs: string | null;
  readonly signal: AbortSignal;
}

function initialActor(options: TerminalModeOptions): { userId: string; displayName: string } | null {
  const known = [
    ...options.config.core.bootstrapAdmins.filter(
      (a) => a.platform === TERMINAL_WORKSPACE.platform && a.workspaceId === TERMINAL_WORKSPACE.workspaceId,
    ),
    ...(options.sandbox ? SANDBOX_ADMINS : []),
  ];
  const userId = options.actAs ?? (options.sandbox ? 'alice' : known[0]?.userId);
  if (userId === undefined) return null;
  return { userId, displayName: known.find((a) => a.userId === userId)?.displayName ?? userId };
}

/** The terminal chat: `npm start` without chat credentials, and `psa-import shell`. Returns the exit code. */
export async function runTerminalMode(options: TerminalModeOptions): Promise<number> {
  const { config, logger, streams } = options;
  const actor = initialActor(options);
  if (actor === null) {
    streams.stdout.write(
      'Say which admin you are: `psa-import shell --as <user>` (or add terminal:local:<user> to BOOTSTRAP_ADMINS).\n',
    );
    return 2;
  }
  let sandbox: SandboxPsas | null = null;
  if (options.sandbox) sandbox = await startSandboxPsas({ logger, ...options.sandboxTuning });
  try {
    let stopWebhooks = async (): Promise<void> => {};
    const app = await createApp(config, {
      logger,
      sandboxAutotaskZone: sandbox?.autotask.zoneBaseUrl ?? null,
    });
    try {
      if (sandbox !== null) {
        const { seeded } = await seedTerminalTenant(app.maintenance, app.opened.storage);
        if (seeded) logger.info({}, 'seeded the sandbox tenant terminal:local');
      }
      app.start();
      stopWebhooks = startWebhooks(app, async (run, view) => {
        // The terminal's thread is the session: a run started here hears about failing endpoints here.
        if (!run.requesterKey.startsWith('terminal:')) return false;
        streams.stdout.write(`\n${renderView(view)}\n`);
        return true;
      });
      const digests = new DigestInbox();
      app.startDigests(digestDeliverer([], digests));
      streams.stdout.write(
        terminalBanner({
          actor: actor.displayName,
          databaseLabel: config.core.databaseLabel,
          logFile: options.logFile,
          sandbox,
          canSwitch: options.sandbox,
        }),
      );
      await runTerminalChat({
        bot: app.bot,
        logger,
        workspaceId: TERMINAL_WORKSPACE.workspaceId,
        actor,
        allowSwitchActor: options.sandbox,
        input: streams.stdin,
        output: streams.stdout,
        interactive: streams.stdin.isTTY === true && streams.stdout.isTTY === true,
        exportDir: join(dataDir(config, options.cwd), 'exports'),
        signal: options.signal,
        digests,
      });
      return 0;
    } finally {
      await stopWebhooks();
      await app.stop();
    }
  } finally {
    await sandbox?.close();
  }
}
