import { describe, expect, it } from 'vitest';
import { ProgressThrottle } from '../../../../adapters/chat/shared/progress-throttle.js';
import type { ProgressView } from '../../../../src/app/views.js';
import { ManualClock } from '../../../fakes/manual-clock.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const progress = (done: number): ProgressView => ({
  kind: 'progress',
  runId: 'r',
  provider: 'connectwise',
  phase: 'companies',
  done,
  total: 5000,
});

describe('ProgressThrottle', () => {
  it('sends the first update at once and then at most one per interval', async () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const reporter = new ProgressThrottle(async (p) => void sent.push(p.done), clock, silent, 1500);
    for (let done = 1; done <= 500; done++) reporter.push(progress(done));
    await reporter.settle();
    expect(sent).toEqual([1]);
    clock.advance(1499);
    reporter.push(progress(600));
    await reporter.settle();
    expect(sent).toEqual([1]);
    clock.advance(1);
    reporter.push(progress(700));
    await reporter.settle();
    expect(sent).toEqual([1, 700]);
  });

  it('never has two updates in flight, and survives a failed one', async () => {
    const clock = new ManualClock();
    let release: () => void = () => {};
    const sent: number[] = [];
    const reporter = new ProgressThrottle(
      (p) => {
        sent.push(p.done);
        if (p.done === 1) return new Promise<void>((resolve) => (release = resolve));
        return Promise.reject(new Error('slack down'));
      },
      clock,
      silent,
      10,
    );
    reporter.push(progress(1));
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(100);
    reporter.push(progress(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([1]);
    release();
    await reporter.settle();
    reporter.push(progress(3));
    await reporter.settle();
    expect(sent).toEqual([1, 3]);
    expect(reporter.updatesSent).toBe(2);
  });
});
