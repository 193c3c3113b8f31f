import { describe, expect, it } from 'vitest';
import { BudgetGuard, DEFAULT_BUDGET_POLICY } from '../../../../adapters/psa/autotask/budget-guard.js';
import { isAppError } from '../../../../src/domain/errors.js';

/** A guard over a fake Autotask whose other tools use `others` requests; `sent` is ours. */
function setup(others: number, limit = 10_000) {
  const state = { sent: 0, reads: 0, others, sleeps: [] as number[] };
  const guard = new BudgetGuard(DEFAULT_BUDGET_POLICY, {
    read: async () => {
      state.sent += 1;
      state.reads += 1;
      return {
        externalRequestThreshold: limit,
        requestThresholdTimeframe: 60,
        currentTimeframeRequestCount: state.others + state.sent,
      };
    },
    sent: () => state.sent,
    sleep: async (ms) => {
      state.sleeps.push(ms);
    },
  });
  const request = async () => {
    await guard.beforeRequest();
    state.sent += 1;
  };
  return { state, guard, request };
}

describe('BudgetGuard', () => {
  it('reads the threshold at first use and then every 100 requests, with no delay below half', async () => {
    const { state, request } = setup(0);
    for (let i = 0; i < 250; i += 1) await request();
    expect(state.reads).toBe(3);
    expect(state.sleeps).toEqual([]);
  });

  it('adds a delay that grows as the budget fills past half', async () => {
    const { state, request } = setup(6_000);
    await request();
    const early = state.sleeps.at(-1) ?? 0;
    state.others = 8_000;
    for (let i = 0; i < 100; i += 1) await request();
    expect(early).toBeGreaterThan(0);
    expect(state.sleeps.at(-1)).toBeGreaterThan(early);
    expect(Math.max(...state.sleeps)).toBeLessThanOrEqual(DEFAULT_BUDGET_POLICY.maxDelayMs);
  });

  it('stops before the 10% reserve, after confirming a stale estimate, with a retry time', async () => {
    const { state, request } = setup(8_950);
    let error: unknown = null;
    let made = 0;
    try {
      for (; made < 200; made += 1) await request();
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('psa_budget_exhausted');
    expect(state.others + state.sent).toBeLessThanOrEqual(9_001);
    expect(made).toBeGreaterThan(40);
    const seconds = isAppError(error) ? (error.details.retryAfterSeconds ?? 0) : 0;
    expect(seconds).toBeGreaterThanOrEqual(60);
    expect(seconds).toBeLessThanOrEqual(3_600);
  });

  it('keeps going when a confirming read shows the window has rolled on', async () => {
    const { state, request } = setup(8_950);
    for (let i = 0; i < 45; i += 1) await request();
    state.others = 1_000;
    for (let i = 0; i < 100; i += 1) await request();
    expect(state.sent).toBeGreaterThan(145);
  });
});
