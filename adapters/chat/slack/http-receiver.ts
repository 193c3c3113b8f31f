import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Secret } from '../../../src/domain/secret.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import { logError } from '../shared/log-error.js';
import { parseSlackBody } from './request-body.js';
import { verifySignature } from './signature.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** View submissions carry the whole modal state; 1 MiB is far above what our modals produce. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface SlackHttpReceiverOptions {
  readonly signingSecret: Secret<string>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly path?: string;
  readonly maxBodyBytes?: number;
  /**
   * Set: a verified slash command is acknowledged here and handed to this, without Bolt's
   * dispatch. Its ack is always empty, and Bolt's per-event work (authorize, context, five listener
   * chains) was a measured part of every acknowledgement's CPU in a burst of commands.
   */
  readonly onCommand?: (body: Record<string, unknown>) => void;
}

type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false };

function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? { ok: false } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendStatus(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end();
}

function sendAck(res: ServerResponse, body: unknown): void {
  if (body === undefined || body === null || body === '') {
    res.writeHead(200);
    res.end();
  } else if (typeof body === 'string') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  } else {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

function retryNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,3}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Bolt receiver mounted on our shared HTTP server at /slack/events. It only does transport:
 * read the raw bytes, verify the signature on them before anything is parsed (a forged request
 * gets 401 and reaches no listener), then hand the parsed body to Bolt with an `ack` that answers
 * the HTTP response at once, so listeners acknowledge first and work afterwards.
 */
export class SlackHttpReceiver implements Receiver {
  readonly name = 'slack';
  private app: App | null = null;
  private readonly path: string;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.path = options.path ?? SLACK_EVENTS_PATH;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The shared server listens; Bolt's start/stop have nothing to open or close here. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  handles(pathname: string): boolean {
    return pathname === this.path;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendStatus(res, 405);
    const read = await readBody(req, this.maxBodyBytes);
    if (!read.ok) return sendStatus(res, 413);
    const problem = verifySignature(
      this.options.signingSecret.reveal(),
      {
        signature: header(req, 'x-slack-signature'),
        timestamp: header(req, 'x-slack-request-timestamp'),
        rawBody: read.body,
      },
      Math.floor(this.options.clock.now().getTime() / 1000),
    );
    if (problem !== null) {
      this.options.logger.warn({ problem }, 'slack request refused: signature check failed');
      return sendStatus(res, 401);
    }
    const body = parseSlackBody(header(req, 'content-type'), read.body);
    if (body === null) return sendStatus(res, 400);
    if (body.type === 'url_verification' && typeof body.challenge === 'string') {
      return sendAck(res, { challenge: body.challenge });
    }
    const { onCommand } = this.options;
    if (onCommand !== undefined && typeof body.command === 'string') {
      sendAck(res, undefined);
      onCommand(body);
      return;
    }
    await this.dispatch(body, req, res);
  }

  private async dispatch(
    body: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const app = this.app;
    if (app === null) return sendStatus(res, 503);
    let acked = false;
    const retryNum = retryNumber(header(req, 'x-slack-retry-num'));
    const retryReason = header(req, 'x-slack-retry-reason');
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        sendAck(res, response);
      },
      ...(retryNum === undefined ? {} : { retryNum }),
      ...(retryReason === undefined ? {} : { retryReason }),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      logError(this.options.logger, 'slack listener failed', error);
      if (!acked) {
        acked = true;
        sendStatus(res, 500);
      }
      return;
    }
    if (!acked) {
      // No listener took it (an action we do not offer): answer so Slack does not retry.
      acked = true;
      sendStatus(res, 200);
    }
  }
}
