import { describe, expect, it } from 'vitest';
import { BackgroundRunner } from '../../../../adapters/chat/shared/background-runner.js';

function recordingLogger() {
  const errors: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    errors,
    logger: {
      debug() {},
      info() {},
      warn() {},
      error: (fields: Record<string, unknown>, message: string) => void errors.push({ fields, message }),
    },
  };
}

describe('BackgroundRunner', () => {
  it('runs one run’s work in order while other runs go ahead', async () => {
    const { logger } = recordingLogger();
    const runner = new BackgroundRunner(logger, 'test');
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    runner.run(
      'first',
      async () => {
        await gate;
        order.push('a1');
      },
      'run:a',
    );
    runner.run('second', async () => void order.push('a2'), 'run:a');
    runner.run('other', async () => void order.push('b1'), 'run:b');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['b1']);
    release();
    await runner.idle();
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('logs a failure once, with the error itself under err, and goes on with the run', async () => {
    const { logger, errors } = recordingLogger();
    const runner = new BackgroundRunner(logger, 'test');
    const cause = new Error('socket closed');
    const failure = new Error('post failed', { cause });
    const after: string[] = [];
    runner.run('post', async () => Promise.reject(failure), 'run:a');
    runner.run('next', async () => void after.push('ran'), 'run:a');
    await runner.idle();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields.err).toBe(failure);
    expect(failure.cause).toBe(cause);
    expect(after).toEqual(['ran']);
  });

  it('takes no work once stopped', async () => {
    const { logger } = recordingLogger();
    const runner = new BackgroundRunner(logger, 'test');
    await runner.stop();
    let ran = false;
    runner.run('late', async () => {
      ran = true;
    });
    await runner.idle();
    expect(ran).toBe(false);
  });
});
