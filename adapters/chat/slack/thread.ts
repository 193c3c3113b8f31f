import type { ThreadRef } from '../../../src/domain/thread-ref.js';

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

const SLACK_ID = /^[A-Z0-9]{2,40}$/;
const SLACK_TS = /^\d{1,20}\.\d{1,10}$/;

/** A stored thread back, or null when it is not a Slack thread this adapter wrote. */
export function parseThreadRef(ref: ThreadRef): SlackThread | null {
  if (ref.platform !== 'slack') return null;
  try {
    const data = JSON.parse(ref.data) as { channel?: unknown; ts?: unknown };
    if (typeof data.channel !== 'string' || typeof data.ts !== 'string') return null;
    return SLACK_ID.test(data.channel) && SLACK_TS.test(data.ts)
      ? { channel: data.channel, ts: data.ts }
      : null;
  } catch {
    return null;
  }
}
