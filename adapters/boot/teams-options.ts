import type { TeamsSurfaceOptions } from '../chat/teams/teams-surface.js';
import type { TeamsConfig } from './config/teams.js';

/** The Teams surface's options from its configuration section. */
export function teamsSurfaceOptions(
  config: TeamsConfig,
  deps: Pick<TeamsSurfaceOptions, 'bot' | 'logger' | 'clock'>,
): TeamsSurfaceOptions {
  const { appId, appPassword, tenantId } = config;
  const validated =
    appId !== null && appPassword !== null && tenantId !== null && !config.allowUnauthenticated;
  return {
    ...deps,
    auth: validated
      ? {
          mode: 'validated',
          appId,
          appPassword,
          tenantId,
          openIdMetadataUrl: config.openIdMetadataUrl,
          tokenIssuer: config.tokenIssuer,
          authority: config.loginAuthority,
          botScope: config.botScope,
        }
      : { mode: 'unauthenticated' },
    serviceUrlHosts: config.serviceUrlHosts,
    allowedTenants: config.allowedTenants,
  };
}
