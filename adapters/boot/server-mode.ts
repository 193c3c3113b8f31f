import { sql } from 'kysely';
import type { AppLogger } from '../log/create-logger.js';
import type { AppConfig } from './config/load.js';
import { createApp } from './create-app.js';
import { digestDeliverer } from './digest-scheduler.js';
import { directoryApiSurface, startWebhooks, threadNotifier } from './directory-api.js';
import { startHttpServer } from './http-server.js';
import { type SandboxPsas, startSandboxPsas } from './sandbox-psas.js';
import { createSurfaces, SURFACE_FACTORIES, type SurfaceFactory } from './surfaces.js';

export interface ServerModeOptions {
  readonly config: AppConfig;
  readonly logger: AppLogger;
  /** Only when SANDBOX_PSA=on: a server never offers the sandbox by default. */
  readonly sandbox: boolean;
  readonly signal: AbortSignal;
  readonly factories?: readonly SurfaceFactory[];
  /** Called once listening, with the bound URL (tests use port 0). */
  readonly onListening?: (url: string) => void;
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Slack and Teams over one HTTP server until SIGINT/SIGTERM, then a graceful stop. */
export async function runServerMode(options: ServerModeOptions): Promise<number> {
  const { config, logger } = options;
  let sandbox: SandboxPsas | null = null;
  if (options.sandbox) {
    sandbox = await startSandboxPsas({ logger });
    logger.warn(
      { connectwise: sandbox.connectwise.site },
      'SANDBOX_PSA=on: PSA requests go to the local sandboxes',
    );
  }
  try {
    const app = await createApp(config, {
      logger,
      sandboxAutotaskZone: sandbox?.autotask.zoneBaseUrl ?? null,
    });
    try {
      const chatSurfaces = await createSurfaces(
        { bot: app.bot, maintenance: app.maintenance, config, logger, clock: app.clock },
        options.factories ?? SURFACE_FACTORIES,
      );
      const surfaces = [...chatSurfaces, directoryApiSurface(app)];
      if (chatSurfaces.length === 0) logger.warn({}, 'no chat surface is enabled; serving /healthz only');
      const server = await startHttpServer({
        port: config.core.port,
        host: config.core.host,
        surfaces,
        logger,
        checkDatabase: async () => {
          await sql`select 1`.execute(app.opened.db);
          return true;
        },
      }).catch(async (error: unknown) => {
        await Promise.all(surfaces.map((surface) => surface.stop()));
        throw error;
      });
      app.start();
      app.startDigests(digestDeliverer(chatSurfaces, null));
      const stopWebhooks = startWebhooks(app, threadNotifier(chatSurfaces));
      options.onListening?.(server.url);
      await aborted(options.signal);
      logger.info({}, 'shutting down');
      await server.close();
      await stopWebhooks();
      return 0;
    } finally {
      await app.stop();
    }
  } finally {
    await sandbox?.close();
  }
}
