import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSurface, type SlackSurface } from '../../adapters/chat/slack/slack-surface.js';
import type { ImportBot } from '../../src/app/bot-api.js';
import type { Intent } from '../../src/app/intents.js';
import type { View } from '../../src/app/views.js';
import { Secret } from '../../src/domain/secret.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../fakes/slack-api.js';

/**
 * With SLACK_APP_TOKEN the surface serves no HTTP path and connects out by Socket Mode: a
 * minimal WebSocket server on loopback plays Slack, sends a slash command envelope and expects
 * the acknowledgement; the reply goes out through the response_url as over HTTP.
 */

const APP_TOKEN = 'xapp-1-test-socket-token';

/** Just enough WebSocket (RFC 6455) for one client: text frames, ping, close. */
class TinySocketServer {
  readonly received: unknown[] = [];
  private socket: Duplex | null = null;
  private buffer = Buffer.alloc(0);
  private readonly server: Server;
  private connected: () => void = () => {};
  readonly connection = new Promise<void>((resolve) => {
    this.connected = resolve;
  });
  port = 0;

  constructor() {
    this.server = createServer((_req, res) => {
      res.writeHead(426);
      res.end();
    });
    this.server.on('upgrade', (req, socket) => {
      const accept = createHash('sha1')
        .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      this.socket = socket;
      socket.on('data', (chunk: Buffer) => this.read(chunk));
      socket.on('error', () => {});
      this.sendText(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0PSA' } }),
      );
      this.connected();
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private frame(opcode: number, payload: Buffer): Buffer {
    const length = payload.length;
    const head =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : Buffer.from([0x80 | opcode, 126, (length >> 8) & 0xff, length & 0xff]);
    return Buffer.concat([head, payload]);
  }

  sendText(text: string): void {
    this.socket?.write(this.frame(0x1, Buffer.from(text)));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const opcode = (this.buffer[0] ?? 0) & 0x0f;
      let length = (this.buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + 4 + length) return;
      const mask = this.buffer.subarray(offset, offset + 4);
      const payload = Buffer.from(this.buffer.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      this.buffer = this.buffer.subarray(offset + 4 + length);
      if (opcode === 0x1) this.received.push(JSON.parse(payload.toString('utf8')));
      if (opcode === 0x9) this.socket?.write(this.frame(0xa, payload));
      if (opcode === 0x8) this.socket?.end(this.frame(0x8, Buffer.alloc(0)));
    }
  }
}

class HelpBot implements ImportBot {
  readonly intents: Intent[] = [];
  async handle(_actor: unknown, intent: Intent): Promise<View> {
    this.intents.push(intent);
    return { kind: 'licenses', total: 10, used: 3, free: 7 };
  }
  async claimOnce(_key: string): Promise<boolean> {
    return true;
  }
}

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
  const socketServer = new TinySocketServer();
  const bot = new HelpBot();
  let surface: SlackSurface;

  beforeAll(async () => {
    await fake.start();
    await socketServer.start();
    fake.socketUrl = `ws://127.0.0.1:${socketServer.port}/link`;
    surface = createSlackSurface({
      bot,
      clock: new ManualClock(),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      config: {
        signingSecret: new Secret(SIGNING_SECRET),
        botToken: new Secret(BOT_TOKEN),
        appToken: new Secret(APP_TOKEN),
        apiUrl: fake.apiUrl,
      },
      retryConfig: { retries: 0 },
    });
  });

  afterAll(async () => {
    await surface?.stop();
    await socketServer.stop();
    await fake.stop();
  });

  it('owns no HTTP path', () => {
    expect(surface.mode).toBe('socket');
    expect(surface.handles('/slack/events')).toBe(false);
  });

  it('connects with the app token and acknowledges a slash command envelope, then does the work', async () => {
    await surface.start?.();
    await socketServer.connection;
    expect(fake.callsOf('apps.connections.open').map((call) => call.token)).toEqual([APP_TOKEN]);
    socketServer.sendText(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/psa',
          text: 'licenses',
          team_id: fake.teamId,
          user_id: 'U0ALICE',
          user_name: 'alice',
          channel_id: 'C0IMPORT',
          trigger_id: 'trigger-socket-1',
          response_url: fake.responseUrl('socket-1'),
        },
      }),
    );
    await expect
      .poll(() => socketServer.received, { timeout: 5_000 })
      .toContainEqual({ envelope_id: 'env-1', payload: {} });
    await expect.poll(() => fake.responses.length, { timeout: 5_000 }).toBe(1);
    await surface.idle();
    expect(bot.intents).toEqual([{ kind: 'licenses' }]);
    expect(JSON.stringify(fake.responses[0]?.body)).toContain('*free:* 7');
  });
});
