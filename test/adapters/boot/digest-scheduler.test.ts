import { describe, expect, it } from 'vitest';
import { parseDigestConfig } from '../../../adapters/boot/config/digest.js';
import {
  digestDeliverer,
  digestMaxRequests,
  startDigestScheduler,
} from '../../../adapters/boot/digest-scheduler.js';
import type { HttpSurface } from '../../../adapters/chat/shared/http-surface.js';
import { DigestInbox } from '../../../adapters/chat/terminal/digest-inbox.js';
import { silentLogger } from '../../../adapters/log/create-logger.js';
import type { DigestDelivery, DigestRunner } from '../../../src/app/use-cases/digest-runner.js';
import { digestViews } from '../../fixtures/sample-views.js';

const [view] = digestViews();
if (view === undefined) throw new Error('no sample digest');

function surface(name: string, posted: string[]): HttpSurface {
  return {
    name,
    handles: () => false,
    handle: () => {},
    stop: async () => {},
    postDigest: async (conversation) => {
      posted.push(`${name}:${conversation.data}`);
      return true;
    },
  };
}

describe('the digest scheduler', () => {
  it('looks for due digests at start, then on its interval, and stops cleanly', async () => {
    const holders: string[] = [];
    const runner: DigestRunner = {
      async runDue(holder) {
        holders.push(holder);
        return 0;
      },
    };
    const stop = startDigestScheduler({
      runner,
      deliver: async () => {},
      logger: silentLogger(),
      holder: 'replica-1',
      intervalMs: 3_600_000,
    });
    await stop();
    expect(holders).toEqual(['replica-1']);
  });

  it('posts on the surface the schedule was set on, and fails when there is none', async () => {
    const posted: string[] = [];
    const inbox = new DigestInbox();
    const deliver = digestDeliverer([surface('slack', posted), surface('teams', posted)], inbox);
    const at = (platform: 'slack' | 'teams' | 'terminal'): DigestDelivery => ({
      tenantId: 't',
      provider: 'connectwise',
      conversation: { platform, data: platform === 'terminal' ? 'local' : '{"x":1}' },
      view,
    });
    await deliver(at('teams'));
    await deliver(at('terminal'));
    expect(posted).toEqual(['teams:{"x":1}']);
    expect(inbox.drain()).toHaveLength(1);
    await expect(digestDeliverer([], null)(at('slack'))).rejects.toThrow(/no slack surface/);
  });

  it('takes a share of Autotask and Halo budgets and validates its variables', () => {
    expect(digestMaxRequests(25)).toEqual({ autotask: 2_500, halopsa: 900 });
    expect(parseDigestConfig({})).toEqual({
      ok: true,
      value: { requestSharePercent: 25, defaultTimeZone: 'UTC', checkIntervalMs: 60_000 },
    });
    expect(parseDigestConfig({ DIGEST_TIME_ZONE: 'europe/berlin' })).toMatchObject({
      value: { defaultTimeZone: 'Europe/Berlin' },
    });
    const bad = parseDigestConfig({ DIGEST_TIME_ZONE: 'Mars/Base', DIGEST_REQUEST_SHARE_PERCENT: '0' });
    expect(bad.ok ? [] : bad.issues.map((issue) => issue.variable).sort()).toEqual([
      'DIGEST_REQUEST_SHARE_PERCENT',
      'DIGEST_TIME_ZONE',
    ]);
  });
});
