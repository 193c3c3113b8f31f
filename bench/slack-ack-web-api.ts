import { parentPort, Worker } from 'node:worker_threads';
import { BOT_TOKEN, FakeSlack } from '../test/fakes/slack-api.js';
import { currentThreadId } from './slack-ack-threads.js';

/**
 * The fake Slack Web API of the mixed acknowledgement bench, in its own thread. Slack is another
 * machine: parsing the bot's replies and checking them against the Block Kit limits is Slack's
 * CPU, not the bot's, and on the bot's thread it sat in the loop the acknowledgements wait for.
 * The main thread keeps an unstarted FakeSlack pointed at this thread's port, so the harness
 * builds the same URLs.
 */
interface Started {
  readonly port: number;
  readonly threadId: number | null;
}

export interface WebApiSummary {
  readonly responses: number;
  readonly violations: number;
}

export interface WebApiThread {
  /** Addresses only: its server runs in the other thread. */
  readonly fake: FakeSlack;
  /** The kernel's id of the other thread (Linux), for the diagnostic's per-thread figures. */
  readonly threadId: number | null;
  /** Stops the other thread's server and says what it received. */
  stop(): Promise<WebApiSummary>;
}

export async function startWebApiInAnotherThread(): Promise<WebApiThread> {
  const worker = new Worker(new URL('./slack-ack-web-api.js', import.meta.url));
  const started = await new Promise<Started>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const fake = new FakeSlack({ botToken: BOT_TOKEN });
  fake.port = started.port;
  let stopped: Promise<WebApiSummary> | undefined;
  const stop = async (): Promise<WebApiSummary> => {
    const summary = new Promise<WebApiSummary>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage('stop');
    const result = await summary;
    await worker.terminate();
    return result;
  };
  return {
    fake,
    threadId: started.threadId,
    stop() {
      stopped ??= stop();
      return stopped;
    },
  };
}

if (parentPort !== null) {
  const port = parentPort;
  const fake = await new FakeSlack({ botToken: BOT_TOKEN }).start();
  port.on('message', () => {
    void fake.stop().then(() => {
      const summary: WebApiSummary = { responses: fake.responses.length, violations: fake.violations.length };
      port.postMessage(summary);
    });
  });
  const started: Started = { port: fake.port, threadId: currentThreadId() };
  port.postMessage(started);
}
