import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SlackApi } from '../../../../adapters/chat/slack/slack-api.js';
import type { Logger } from '../../../../src/ports/logger.js';

/** A reply whose response_url cannot be reached still reaches the admin, as a channel ephemeral. */
describe('an ephemeral reply when the response_url fails', () => {
  it('logs the failure and posts the reply with chat.postEphemeral instead', async () => {
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(req.url ?? '');
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true,"message_ts":"1.2"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const warnings: unknown[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (fields) => warnings.push(fields),
      error() {},
    };
    const client = new WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, retryConfig: { retries: 0 } });
    const unreachable = async (): Promise<never> => {
      throw Object.assign(new Error('headers timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    };
    try {
      await new SlackApi(client, logger, unreachable).ephemeral(
        { responseUrl: `${base}/response/1`, channel: 'C1', user: 'U1' },
        { text: 'hello', blocks: [] },
      );
      expect(calls).toEqual(['/api/chat.postEphemeral']);
      expect(warnings).toEqual([{ err: expect.objectContaining({ code: 'UND_ERR_HEADERS_TIMEOUT' }) }]);
    } finally {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  });
});
