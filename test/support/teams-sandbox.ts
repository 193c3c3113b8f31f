import { ALICE, BOB, TENANT } from './teams-activities.js';
import { type SandboxApp, startSandboxApp } from './teams-app.js';
import { TeamsDriver } from './teams-driver.js';
import { startTeamsHarness, type TeamsHarness, type TeamsHarnessOptions } from './teams-harness.js';

export const TEAMS_WORKSPACE = { platform: 'teams', workspaceId: TENANT } as const;

export interface TeamsSandbox {
  readonly app: SandboxApp;
  readonly harness: TeamsHarness;
  readonly teams: TeamsDriver;
  close(): Promise<void>;
}

/** The sandbox app with Alice and Bob as the Teams tenant's admins, served over a Teams harness. */
export async function startTeamsSandbox(
  options: Omit<TeamsHarnessOptions, 'bot' | 'clock'> = {},
): Promise<TeamsSandbox> {
  const app = await startSandboxApp(TEAMS_WORKSPACE, [
    { userId: ALICE.aadObjectId, displayName: 'Alice' },
    { userId: BOB.aadObjectId, displayName: 'Bob' },
  ]);
  const harness = await startTeamsHarness({ ...options, bot: app.bot, clock: app.clock });
  return {
    app,
    harness,
    teams: new TeamsDriver(harness),
    async close() {
      await harness.close();
      await app.close();
    },
  };
}
