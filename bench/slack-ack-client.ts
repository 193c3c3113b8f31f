import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { currentThreadId, snapshotThreads } from './slack-ack-threads.js';

/**
 * The "Slack" side of the acknowledgement benchmark, in its own thread so its CPU does not sit on
 * the bot's event loop (Slack is another machine): signs each body and posts it, `concurrency` at
 * a time over keep-alive connections, and reports each request's time to the full answer.
 */
interface ClientInput {
  readonly url: string;
  readonly secret: string;
  readonly bodies: readonly string[];
  readonly concurrency: number;
}

function post(agent: Agent, url: URL, secret: string, body: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** This thread's time on a core and waiting for one while it sent (Linux), so a late client shows. */
function ownTimes(): { cpuNs: number; waitNs: number } | null {
  const tid = currentThreadId();
  return tid === null ? null : (snapshotThreads().get(tid) ?? null);
}

async function run(
  input: ClientInput,
): Promise<{ latencies: number[]; failures: number; threadMs?: string }> {
  const url = new URL(input.url);
  const before = ownTimes();
  const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < input.bodies.length) {
      const body = input.bodies[next] ?? '';
      next += 1;
      const sent = performance.now();
      const status = await post(agent, url, input.secret, body);
      latencies.push(performance.now() - sent);
      if (status !== 200) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  agent.destroy();
  const after = ownTimes();
  if (before === null || after === null) return { latencies, failures };
  const threadMs = `${Math.round((after.cpuNs - before.cpuNs) / 1e6)} / ${Math.round((after.waitNs - before.waitNs) / 1e6)}`;
  return { latencies, failures, threadMs };
}

if (parentPort !== null) {
  const port = parentPort;
  run(workerData as ClientInput).then(
    (result) => port.postMessage(result),
    (error: unknown) => port.postMessage({ error: String(error) }),
  );
}
