import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, ReceiverEvent } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackHttpReceiver } from '../../../../adapters/chat/slack/http-receiver.js';
import { Secret } from '../../../../src/domain/secret.js';
import { slackSignature } from '../../../fakes/slack-api.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const NOW = 1_700_000_000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let server: Server;
let url: string;
let events: ReceiverEvent[];
let answer: (event: ReceiverEvent) => Promise<void>;

beforeEach(async () => {
  events = [];
  answer = async (event) => event.ack();
  const receiver = new SlackHttpReceiver({
    signingSecret: new Secret(SECRET),
    clock: { now: () => new Date(NOW * 1000) },
    logger: silent,
    maxBodyBytes: 2048,
  });
  const app = {
    processEvent: async (event: ReceiverEvent) => {
      events.push(event);
      await answer(event);
    },
  };
  receiver.init(app as unknown as App);
  server = createServer((req, res) => {
    void receiver.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(body: string, headers: Record<string, string> = {}, timestamp = String(NOW)) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(SECRET, timestamp, body),
      ...headers,
    },
    body,
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('SlackHttpReceiver', () => {
  it('hands a verified command to Bolt and answers with its ack', async () => {
    const result = await post('command=%2Fpsa&text=help&team_id=T1');
    expect(result.status).toBe(200);
    expect(result.text).toBe('');
    expect(events).toHaveLength(1);
    expect(events[0]?.body).toMatchObject({ command: '/psa', text: 'help', team_id: 'T1' });
  });

  it('decodes interaction payloads and passes the retry number', async () => {
    const body = new URLSearchParams({
      payload: JSON.stringify({ type: 'block_actions', actions: [] }),
    }).toString();
    await post(body, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    expect(events[0]?.body).toEqual({ type: 'block_actions', actions: [] });
    expect(events[0]?.retryNum).toBe(2);
    expect(events[0]?.retryReason).toBe('http_timeout');
  });

  it('answers an ack with a body as JSON (options, view responses)', async () => {
    answer = async (event) => event.ack({ options: [] });
    const result = await post('command=%2Fpsa');
    expect(result.type).toContain('application/json');
    expect(JSON.parse(result.text)).toEqual({ options: [] });
  });

  it('refuses forged requests before Bolt sees them', async () => {
    const forged = await post('command=%2Fpsa', { 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    const stale = await post('command=%2Fpsa', {}, String(NOW - 301));
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(events).toHaveLength(0);
  });

  it('refuses other methods, oversized and unreadable bodies', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await post(`text=${'x'.repeat(4096)}`)).status).toBe(413);
    expect((await post('{"not":"form"}', { 'content-type': 'text/plain' })).status).toBe(400);
    expect(events).toHaveLength(0);
  });

  it('answers 500 when a listener throws before acking, and 200 when nobody acks', async () => {
    answer = async () => {
      throw new Error('boom');
    };
    expect((await post('command=%2Fpsa')).status).toBe(500);
    answer = async () => {};
    expect((await post('command=%2Fpsa')).status).toBe(200);
  });
});

describe('SlackHttpReceiver with its own command path', () => {
  it('acknowledges a verified slash command itself and hands it over without Bolt; a forged one reaches neither', async () => {
    const commands: Record<string, unknown>[] = [];
    const dispatched: ReceiverEvent[] = [];
    const receiver = new SlackHttpReceiver({
      signingSecret: new Secret(SECRET),
      clock: { now: () => new Date(NOW * 1000) },
      logger: silent,
      onCommand: (body) => commands.push(body),
    });
    receiver.init({
      processEvent: async (event: ReceiverEvent) => {
        dispatched.push(event);
        await event.ack();
      },
    } as unknown as App);
    const own = createServer((req, res) => {
      void receiver.handle(req, res);
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const ownUrl = `http://127.0.0.1:${(own.address() as AddressInfo).port}/slack/events`;
    const send = async (body: string, signature = slackSignature(SECRET, String(NOW), body)) => {
      const response = await fetch(ownUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(NOW),
          'x-slack-signature': signature,
        },
        body,
      });
      return { status: response.status, text: await response.text() };
    };
    try {
      expect(await send('command=%2Fpsa&text=status&team_id=T1')).toEqual({ status: 200, text: '' });
      expect(commands).toEqual([{ command: '/psa', text: 'status', team_id: 'T1' }]);
      expect((await send('command=%2Fpsa&text=x', `v0=${'0'.repeat(64)}`)).status).toBe(401);
      const interaction = new URLSearchParams({
        payload: JSON.stringify({ type: 'block_actions', actions: [] }),
      }).toString();
      expect((await send(interaction)).status).toBe(200);
      expect(commands).toHaveLength(1);
      expect(dispatched.map((event) => event.body.type)).toEqual(['block_actions']);
    } finally {
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  });
});
