import type { ThreadRef } from '../../../src/domain/run.js';

/** Where a run's messages live: the channel, and the root message every reply threads under. */
export interface SlackThread {
  readonly channel: string;
  readonly ts: string;
}

export function threadRef(thread: SlackThread): ThreadRef {
  return { platform: 'slack', data: JSON.stringify({ channel: thread.channel, ts: thread.ts }) };
}

/** A message a click came from, and the thread it sits in. */
export interface MessagePlace {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string;
}
