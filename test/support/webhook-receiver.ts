import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A loopback webhook receiver that records every request. `answer` picks the status per request
 * (default 200); `until` resolves once the recorded requests satisfy a condition, without timers.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (hook: ReceivedWebhook) => { status: number; headers?: Record<string, string> } = () => ({
    status: 200,
  });
  #server: Server | null = null;
  #waiters: (() => void)[] = [];

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const hook = {
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(hook);
        const { status, headers = {} } = this.answer(hook);
        res.writeHead(status, headers);
        res.end('ok');
        for (const wake of this.#waiters.splice(0)) wake();
      });
    });
    const server = this.#server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async until(done: (received: readonly ReceivedWebhook[]) => boolean): Promise<void> {
    while (!done(this.received)) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
