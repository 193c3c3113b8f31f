import { createHmac } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { currentThreadId, snapshotThreads } from './slack-ack-threads.js';

/**
 * The "Slack" side of the acknowledgement benchmark, in its own thread so its CPU does not sit on
 * the bot's event loop (Slack is another machine): signs each body and posts it, `concurrency` at
 * a time over keep-alive connections, and reports each request's time to the full answer.
 *
 * It writes HTTP/1.1 by hand on plain sockets: the bot's server reads the same bytes as from
 * `http.request`, but the client thread spends a fraction of the CPU per request. On a 2-core
 * machine this thread competes with the bot's for a core, which another machine would not
 * (measured: 0.5 ms of CPU per request with `http.request`, as much as the bot's own ack).
 */
interface ClientInput {
  readonly url: string;
  readonly secret: string;
  readonly bodies: readonly string[];
  readonly concurrency: number;
}

const HEADER_END = '\r\n\r\n';

/** Reads whole HTTP/1.1 answers off one keep-alive socket, one per request written. */
class Connection {
  private buffered = '';
  private waiting: ((status: number) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      this.answer();
    });
    socket.on('error', (error) => this.failed?.(error));
    socket.on('close', () => this.failed?.(new Error('the bot closed the connection')));
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
        socket.setNoDelay(true);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(request: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(request, 'latin1');
    });
  }

  close(): void {
    this.failed = null;
    this.socket.destroy();
  }

  /** Resolves the waiting request once its answer (headers and body) is complete. */
  private answer(): void {
    const end = this.buffered.indexOf(HEADER_END);
    if (end === -1 || this.waiting === null) return;
    const head = this.buffered.slice(0, end).toLowerCase();
    const length = /\r\ncontent-length: *(\d+)/.exec(head)?.[1];
    let total: number;
    if (length !== undefined) total = end + HEADER_END.length + Number(length);
    else if (head.includes('transfer-encoding: chunked')) {
      const last = this.buffered.indexOf('\r\n0\r\n\r\n', end);
      if (last === -1) return;
      total = last + 7;
    } else total = end + HEADER_END.length;
    if (this.buffered.length < total) return;
    const status = Number(head.slice(9, 12));
    this.buffered = this.buffered.slice(total);
    const resolve = this.waiting;
    this.waiting = null;
    resolve(status);
  }
}

function signed(url: URL, secret: string, body: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return (
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n` +
    'Content-Type: application/x-www-form-urlencoded\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: ${signature}\r\n\r\n${body}`
  );
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
  const connections = await Promise.all(
    Array.from({ length: input.concurrency }, () => Connection.open(url)),
  );
  const before = ownTimes();
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const worker = async (connection: Connection): Promise<void> => {
    while (next < input.bodies.length) {
      const body = input.bodies[next] ?? '';
      next += 1;
      const sent = performance.now();
      const status = await connection.send(signed(url, input.secret, body));
      latencies.push(performance.now() - sent);
      if (status !== 200) failures += 1;
    }
  };
  await Promise.all(connections.map(worker));
  const after = ownTimes();
  for (const connection of connections) connection.close();
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
