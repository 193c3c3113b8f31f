import { startHttpServer } from '../../adapters/boot/http-server.js';
import {
  createTeamsSurface,
  type TeamsSurface,
  type TeamsSurfaceOptions,
} from '../../adapters/chat/teams/teams-surface.js';
import type { ImportBot } from '../../src/app/bot-api.js';
import { Secret } from '../../src/domain/secret.js';
import type { Clock } from '../../src/ports/clock.js';
import type { Logger } from '../../src/ports/logger.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector.js';
import { TENANT } from './teams-activities.js';

export const APP_ID = '11111111-2222-4333-8444-555555555555';
export const APP_PASSWORD = 'fake-teams-app-secret-CANARY';

export interface RecordedLog {
  readonly level: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export function recordingLogger(lines: RecordedLog[]): Logger {
  const at =
    (level: string) =>
    (fields: Readonly<Record<string, unknown>>, message: string): void => {
      lines.push({ level, message, fields });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TeamsHarness {
  readonly connector: FakeBotConnector;
  readonly surface: TeamsSurface;
  /** Where the bot listens (`…/api/messages`). */
  readonly botUrl: string;
  readonly logs: RecordedLog[];
  /** A valid Bot Framework token for this bot. */
  token(): Promise<string>;
  close(): Promise<void>;
}

export interface TeamsHarnessOptions {
  readonly bot: ImportBot;
  readonly clock: Clock;
  readonly unauthenticated?: boolean;
  readonly answerDeadline?: () => Promise<void>;
  readonly serviceUrlHosts?: readonly string[];
}

/**
 * The Teams surface on the real shared HTTP server (loopback, ephemeral port), talking to a fake
 * Bot Connector that also signs the tokens and serves the key set.
 */
export async function startTeamsHarness(options: TeamsHarnessOptions): Promise<TeamsHarness> {
  const connector = await startFakeBotConnector({ appId: APP_ID, appPassword: APP_PASSWORD });
  const logs: RecordedLog[] = [];
  const logger = recordingLogger(logs);
  const surfaceOptions: TeamsSurfaceOptions = {
    bot: options.bot,
    logger,
    clock: options.clock,
    auth:
      options.unauthenticated === true
        ? { mode: 'unauthenticated' }
        : {
            mode: 'validated',
            appId: APP_ID,
            appPassword: new Secret(APP_PASSWORD),
            tenantId: TENANT,
            openIdMetadataUrl: connector.openIdMetadataUrl,
            tokenIssuer: 'https://api.botframework.com',
            authority: connector.authority,
            botScope: 'https://api.botframework.com/.default',
          },
    serviceUrlHosts: options.serviceUrlHosts ?? ['127.0.0.1'],
    allowedTenants: [TENANT],
    // Real time never passes in these tests: the throttle lets the first update through only.
    progressIntervalMs: 1_000,
    answerDeadline: options.answerDeadline ?? (() => new Promise<void>(() => {})),
  };
  const surface = createTeamsSurface(surfaceOptions);
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    surfaces: [surface],
    checkDatabase: async () => true,
    logger,
  });
  return {
    connector,
    surface,
    botUrl: server.url,
    logs,
    token: () => connector.signToken(APP_ID),
    async close() {
      await server.close(1_000);
      await connector.close();
    },
  };
}
