import { describe, expect, it } from 'vitest';
import { actorOf, isForeign, workspaceIdOf } from '../../../../adapters/chat/slack/tenancy.js';

const workspace = { teamId: 'T0MSP', enterpriseId: null, isEnterpriseInstall: false };
const grid = { teamId: 'T0MSP', enterpriseId: 'E0MSP', isEnterpriseInstall: false };
const orgWide = { teamId: 'T0MSP', enterpriseId: 'E0MSP', isEnterpriseInstall: true };
const sender = (teamIds: string[], enterpriseId: string | null = null) => ({
  userId: 'U1',
  displayName: 'ann',
  teamIds,
  enterpriseId,
});

describe('tenancy', () => {
  it('keys the tenant by workspace, or by the org for org-wide installs', () => {
    expect(workspaceIdOf(workspace)).toBe('T0MSP');
    expect(workspaceIdOf(grid)).toBe('T0MSP');
    expect(workspaceIdOf(orgWide)).toBe('E0MSP');
    expect(actorOf(orgWide, sender(['T0OTHER'], 'E0MSP'))).toEqual({
      platform: 'slack',
      workspaceId: 'E0MSP',
      userId: 'U1',
      displayName: 'ann',
    });
  });

  it('refuses users of another team (Slack Connect) unless they are in our org', () => {
    expect(isForeign(workspace, sender(['T0MSP']))).toBe(false);
    expect(isForeign(workspace, sender(['T0CLIENT']))).toBe(true);
    expect(isForeign(workspace, sender([]))).toBe(true);
    expect(isForeign(grid, sender(['T0SISTER'], 'E0MSP'))).toBe(false);
    expect(isForeign(grid, sender(['T0CLIENT'], 'E0CLIENT'))).toBe(true);
  });
});
