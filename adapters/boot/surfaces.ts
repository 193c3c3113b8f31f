import type { ImportBot, Maintenance } from '../../src/app/bot-api.js';
import type { Clock } from '../../src/ports/clock.js';
import type { HttpSurface } from '../chat/shared/http-surface.js';
import { createSlackSurface } from '../chat/slack/slack-surface.js';
import { createTeamsSurface } from '../chat/teams/teams-surface.js';
import type { AppLogger } from '../log/create-logger.js';
import type { AppConfig } from './config/load.js';
import { teamsSurfaceOptions } from './teams-options.js';

/** What a chat surface gets from the composition root. */
export interface SurfaceContext {
  readonly bot: ImportBot;
  readonly maintenance: Maintenance;
  readonly config: AppConfig;
  readonly logger: AppLogger;
  readonly clock: Clock;
}

export interface SurfaceFactory {
  /** Short name for logs, e.g. `slack`. */
  readonly name: string;
  /** Whether the configuration asks for this surface (e.g. `config.slack !== null`). */
  enabled(config: AppConfig): boolean;
  create(context: SurfaceContext): Promise<HttpSurface>;
}

/**
 * THE extension point for chat surfaces served over HTTP. Each surface adds one entry:
 *
 *   { name: 'slack', enabled: (config) => config.slack !== null, create: (ctx) => createSlackSurface(ctx) }
 *
 * Paths must not overlap: Slack serves `/slack/events`, Teams `/api/messages`.
 */
export const SURFACE_FACTORIES: readonly SurfaceFactory[] = [
  {
    name: 'slack',
    enabled: (config) => config.slack !== null,
    async create({ bot, config, logger, clock }) {
      if (config.slack === null) throw new Error('Slack is not configured');
      return createSlackSurface({ bot, config: config.slack, logger, clock });
    },
  },
  {
    name: 'teams',
    enabled: (config) => config.teams !== null,
    async create({ bot, config, logger, clock }) {
      if (config.teams === null) throw new Error('Teams is not configured');
      return createTeamsSurface(teamsSurfaceOptions(config.teams, { bot, logger, clock }));
    },
  },
];

/** Creates the surfaces the configuration enables, in the order listed above. */
export async function createSurfaces(
  context: SurfaceContext,
  factories: readonly SurfaceFactory[] = SURFACE_FACTORIES,
): Promise<HttpSurface[]> {
  const surfaces: HttpSurface[] = [];
  for (const factory of factories) {
    if (!factory.enabled(context.config)) continue;
    try {
      surfaces.push(
        await factory.create({ ...context, logger: context.logger.child({ surface: factory.name }) }),
      );
    } catch (error) {
      await Promise.all(surfaces.map((surface) => surface.stop()));
      throw error;
    }
  }
  return surfaces;
}
