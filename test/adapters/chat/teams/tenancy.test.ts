import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../../../adapters/chat/teams/activity.js';
import { identify } from '../../../../adapters/chat/teams/tenancy.js';
import { ALICE, MALLORY, message, OTHER_TENANT, TENANT } from '../../../support/teams-activities.js';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';

function activity(overrides: Record<string, unknown> = {}) {
  const parsed = parseActivity({ ...message(ALICE, 'status', { serviceUrl }), ...overrides });
  if (parsed === null) throw new Error('not an activity');
  return parsed;
}

describe('who is acting in Teams', () => {
  it('is the Entra object id in the tenant of the conversation', () => {
    expect(identify(activity(), [TENANT])).toEqual({
      ok: true,
      actor: { platform: 'teams', workspaceId: TENANT, userId: ALICE.aadObjectId, displayName: 'Alice' },
    });
    expect(identify(activity(), null).ok).toBe(true);
  });

  it('refuses a user of another organisation in a shared conversation', () => {
    const shared = parseActivity(message(MALLORY, 'status', { serviceUrl }));
    expect(shared === null ? null : identify(shared, [TENANT])).toEqual({ ok: false });
    const named = activity({ from: { id: '29:x', aadObjectId: 'x', name: 'X', tenantId: OTHER_TENANT } });
    expect(identify(named, null)).toEqual({ ok: false });
  });

  it('refuses a tenant the bot does not serve, and a user without an Entra object id', () => {
    expect(identify(activity(), [OTHER_TENANT])).toEqual({ ok: false });
    expect(identify(activity({ from: { id: '29:guest', name: 'Guest' } }), null)).toEqual({ ok: false });
    const noTenant = activity({ conversation: { id: '19:x@thread.tacv2' }, channelData: {} });
    expect(identify(noTenant, null)).toEqual({ ok: false });
  });

  it('keeps display names to one plain line', () => {
    const named = activity({ from: { id: '29:a', aadObjectId: ALICE.aadObjectId, name: 'Alice\n**Boss**' } });
    expect(identify(named, null)).toMatchObject({ ok: true, actor: { displayName: 'Alice **Boss**' } });
  });
});
