import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetryOptions } from '@slack/web-api';
import { startHttpServer } from '../../adapters/boot/http-server.js';
import { checkMessage, checkModal } from '../../adapters/chat/slack/block-kit-limits.js';
import { createSlackSurface, type SlackSurface } from '../../adapters/chat/slack/slack-surface.js';
import type { ImportBot } from '../../src/app/bot-api.js';
import { Secret } from '../../src/domain/secret.js';
import type { Clock } from '../../src/ports/clock.js';

/**
 * A fake Slack on 127.0.0.1, both directions: the Web API the bot calls (chat.*, views.*,
 * conversations.info, auth.test, files.* and the upload URL, response_url), and a sender that
 * signs and posts requests to the bot the way Slack does. Every message and modal the bot sends
 * is checked against the Block Kit limits; `violations` collects what failed.
 */

export type Json = Record<string, unknown>;

export interface ApiCall {
  readonly method: string;
  readonly args: Json;
  readonly token: string | null;
}

export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | null;
  text: string;
  blocks: Json[];
  updates: number;
}

export interface StoredView {
  readonly id: string;
  hash: string;
  view: Json;
}

export interface Upload {
  readonly fileId: string;
  readonly filename: string;
  content: string;
  channel: string | null;
  threadTs: string | null;
}

export interface FakeSlackOptions {
  readonly teamId?: string;
  readonly enterpriseId?: string | null;
  readonly botToken?: string;
  /** The app-level token Socket Mode opens connections with. */
  readonly appToken?: string;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'files', 'attachments']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function parseArgs(req: IncomingMessage, raw: Buffer): Promise<Json> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Json;
  if (type.startsWith('multipart/form-data')) {
    const request = new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    });
    const form = await request.formData();
    const args: Json = {};
    for (const [key, value] of form.entries())
      args[key] = typeof value === 'string' ? value : await value.text();
    return args;
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly violations: { method: string; problems: string[] }[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly views = new Map<string, StoredView>();
  readonly responses: { id: string; body: Json }[] = [];
  readonly uploads = new Map<string, Upload>();
  readonly sharedChannels = new Set<string>();
  /** Channels the bot has not been invited to. */
  readonly channelsWithoutBot = new Set<string>();
  readonly teamId: string;
  readonly enterpriseId: string | null;
  private readonly botToken: string;
  private readonly appToken: string;
  /** What apps.connections.open hands out (a Socket Mode test sets it). */
  socketUrl = '';
  private readonly rateLimits = new Map<string, number>();
  private clock = 1_700_000_000;
  private counter = 0;
  private server: Server | null = null;
  port = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.teamId = options.teamId ?? MSP_TEAM;
    this.enterpriseId = options.enterpriseId ?? null;
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.appToken = options.appToken ?? 'xapp-test-token';
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    // Never started here: a bench points it at a server in another thread (bench/slack-ack-web-api.ts).
    if (server === null) return;
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the bot's WebClient uses as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  /** The next call to `method` answers 429 with this Retry-After, once. */
  rateLimitOnce(method: string, retryAfterSeconds: number): void {
    this.rateLimits.set(method, retryAfterSeconds);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages of a thread (root first), or of the whole channel. */
  thread(rootTs: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.ts === rootTs || m.threadTs === rootTs);
  }

  message(ts: string): StoredMessage {
    const found = this.messages.get(ts);
    if (found === undefined) throw new Error(`no message ${ts}`);
    return found;
  }

  view(id: string): StoredView {
    const found = this.views.get(id);
    if (found === undefined) throw new Error(`no view ${id}`);
    return found;
  }

  private nextTs(): string {
    this.counter += 1;
    return `${this.clock}.${String(this.counter).padStart(6, '0')}`;
  }

  private check(method: string, problems: string[]): void {
    if (problems.length > 0) this.violations.push({ method, problems });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      const body = JSON.parse(raw.toString('utf8')) as Json;
      this.responses.push({ id: url.pathname.slice('/response/'.length), body });
      this.check('response_url', checkMessage(body));
      return send(res, 200, { ok: true });
    }
    if (url.pathname.startsWith('/upload/')) {
      const upload = this.uploads.get(url.pathname.slice('/upload/'.length));
      const args = await parseArgs(req, raw);
      if (upload !== undefined) upload.content = String(args.body ?? args.file ?? raw.toString('utf8'));
      res.writeHead(200);
      res.end('OK');
      return;
    }
    if (!url.pathname.startsWith('/api/')) return send(res, 404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const auth = req.headers.authorization ?? null;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    const retryAfter = this.rateLimits.get(method);
    if (retryAfter !== undefined) {
      this.rateLimits.delete(method);
      this.calls.push({ method: `${method}#429`, args: {}, token });
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const args = await parseArgs(req, raw);
    this.calls.push({ method, args, token });
    if (method === 'apps.connections.open') {
      return send(
        res,
        200,
        token === this.appToken ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' },
      );
    }
    if (token !== this.botToken) return send(res, 200, { ok: false, error: 'invalid_auth' });
    send(res, 200, this.answer(method, args));
  }

  private messageRules(method: string, args: Json): void {
    const problems = checkMessage(args);
    if (method !== 'chat.update' && args.parse !== 'none') problems.push('parse must be none');
    if (method === 'chat.update' && args.parse !== undefined && args.parse !== 'none')
      problems.push('parse must be none');
    if (args.link_names !== undefined && args.link_names !== false && args.link_names !== 'false')
      problems.push('link_names set');
    if (method === 'chat.postMessage' && String(args.unfurl_links) !== 'false')
      problems.push('unfurl_links not off');
    this.check(method, problems);
  }

  private answer(method: string, args: Json): Json {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          team_id: this.teamId,
          user_id: 'UBOT',
          bot_id: 'BBOT',
          ...(this.enterpriseId === null ? {} : { enterprise_id: this.enterpriseId }),
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        this.messageRules(method, args);
        if (this.channelsWithoutBot.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        const channel = String(args.channel);
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
        this.messages.set(ts, {
          channel,
          ts,
          threadTs,
          text: String(args.text ?? ''),
          blocks: (args.blocks as Json[]) ?? [],
          updates: 0,
        });
        return { ok: true, channel, ts };
      }
      case 'chat.update': {
        this.messageRules(method, args);
        const stored = this.messages.get(String(args.ts));
        if (stored === undefined) return { ok: false, error: 'message_not_found' };
        stored.text = String(args.text ?? '');
        stored.blocks = (args.blocks as Json[]) ?? [];
        stored.updates += 1;
        return { ok: true, channel: stored.channel, ts: stored.ts };
      }
      case 'chat.postEphemeral':
        this.messageRules(method, args);
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.push': {
        const view = args.view as Json;
        this.check(method, checkModal(view));
        const id = `V${String(this.views.size + 1).padStart(6, '0')}`;
        this.views.set(id, { id, hash: this.nextTs(), view });
        return { ok: true, view: { ...view, id, hash: this.views.get(id)?.hash } };
      }
      case 'views.update': {
        const view = args.view as Json;
        this.check(method, checkModal(view));
        const stored = this.views.get(String(args.view_id));
        if (stored === undefined) return { ok: false, error: 'not_found' };
        stored.view = view;
        stored.hash = this.nextTs();
        return { ok: true, view: { ...view, id: stored.id, hash: stored.hash } };
      }
      case 'conversations.info': {
        const channel = String(args.channel);
        const shared = this.sharedChannels.has(channel);
        const member = !this.channelsWithoutBot.has(channel);
        return {
          ok: true,
          channel: {
            id: channel,
            is_shared: shared,
            is_ext_shared: shared,
            is_org_shared: false,
            is_member: member,
          },
        };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(this.uploads.size + 1).padStart(6, '0')}`;
        this.uploads.set(fileId, {
          fileId,
          filename: String(args.filename),
          content: '',
          channel: null,
          threadTs: null,
        });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string }[]) ?? [];
        for (const file of files) {
          const upload = this.uploads.get(file.id);
          if (upload === undefined) continue;
          upload.channel = typeof args.channel_id === 'string' ? args.channel_id : null;
          upload.threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
        }
        return { ok: true, files: files.map((file) => ({ id: file.id })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** Signs like Slack: `v0=` HMAC-SHA256 over `v0:{ts}:{body}`. */
export function slackSignature(secret: string, timestamp: string, body: string | Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

export interface SentRequest {
  readonly status: number;
  readonly body: string;
}

export interface SlackUser {
  readonly id: string;
  readonly name: string;
  readonly teamId: string;
}

/** The team the fake's auth.test reports as the installing workspace. */
export const MSP_TEAM = 'T0MSP';
/** Alice and Bob are made admins by the tests; Carol is not one; Mallory is a client's user. */
export const ALICE: SlackUser = { id: 'U0ALICE', name: 'alice', teamId: MSP_TEAM };
export const BOB: SlackUser = { id: 'U0BOB', name: 'bob', teamId: MSP_TEAM };
export const CAROL: SlackUser = { id: 'U0CAROL', name: 'carol', teamId: MSP_TEAM };
export const MALLORY: SlackUser = { id: 'U0MALLORY', name: 'mallory', teamId: 'T0CLIENT' };

/** Posts signed requests to the bot as Slack would (form-encoded; interactions as `payload=`). */
export class SlackSender {
  private triggers = 0;
  private actionTs = 0;

  constructor(
    private readonly botUrl: string,
    private readonly signingSecret: string,
    private readonly fake: FakeSlack,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async raw(body: string, headers: Record<string, string>): Promise<SentRequest> {
    const response = await fetch(this.botUrl, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  }

  async signed(
    body: string,
    contentType = 'application/x-www-form-urlencoded',
    extra: Record<string, string> = {},
  ): Promise<SentRequest> {
    const timestamp = String(this.nowSeconds());
    return this.raw(body, {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(this.signingSecret, timestamp, body),
      ...extra,
    });
  }

  nextTrigger(): string {
    this.triggers += 1;
    return `trigger-${this.triggers}`;
  }

  nextActionTs(): string {
    this.actionTs += 1;
    return `1700000100.${String(this.actionTs).padStart(6, '0')}`;
  }

  commandBody(
    user: SlackUser,
    text: string,
    channel = 'C0IMPORT',
    overrides: Record<string, string> = {},
  ): string {
    const trigger = this.nextTrigger();
    return new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: user.teamId,
      team_domain: 'msp',
      channel_id: channel,
      channel_name: 'imports',
      user_id: user.id,
      user_name: user.name,
      command: '/psa',
      text,
      api_app_id: 'A0PSA',
      is_enterprise_install: 'false',
      response_url: this.fake.responseUrl(trigger),
      trigger_id: trigger,
      ...overrides,
    }).toString();
  }

  command(
    user: SlackUser,
    text: string,
    channel = 'C0IMPORT',
    overrides: Record<string, string> = {},
  ): Promise<SentRequest> {
    return this.signed(this.commandBody(user, text, channel, overrides));
  }

  interaction(payload: Json): Promise<SentRequest> {
    return this.signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  userOf(user: SlackUser): Json {
    return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
  }

  /** A block_actions payload for a control found in a stored message, as Slack builds it. */
  messageAction(
    user: SlackUser,
    message: StoredMessage,
    control: FoundControl,
    selected?: Json,
    actionTs = this.nextActionTs(),
  ): Json {
    return {
      type: 'block_actions',
      user: this.userOf(user),
      api_app_id: 'A0PSA',
      token: 'legacy-verification-token',
      team: { id: user.teamId, domain: 'msp' },
      enterprise: null,
      is_enterprise_install: false,
      trigger_id: this.nextTrigger(),
      response_url: this.fake.responseUrl(`action-${actionTs}`),
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      channel: { id: message.channel, name: 'imports' },
      message: {
        type: 'message',
        ts: message.ts,
        ...(message.threadTs === null ? {} : { thread_ts: message.threadTs }),
        text: message.text,
        blocks: message.blocks,
      },
      actions: [actionOf(control, actionTs, selected)],
    };
  }

  /** A block_actions payload for a control in a stored modal. */
  viewAction(user: SlackUser, view: StoredView, control: FoundControl, selected?: Json): Json {
    const actionTs = this.nextActionTs();
    return {
      type: 'block_actions',
      user: this.userOf(user),
      api_app_id: 'A0PSA',
      team: { id: user.teamId, domain: 'msp' },
      enterprise: null,
      trigger_id: this.nextTrigger(),
      container: { type: 'view', view_id: view.id },
      view: { ...view.view, id: view.id, hash: view.hash, state: { values: {} } },
      actions: [actionOf(control, actionTs, selected)],
    };
  }

  viewPayload(
    user: SlackUser,
    view: StoredView,
    type: 'view_submission' | 'view_closed',
    values: Readonly<Record<string, string>> = {},
  ): Json {
    const state: Record<string, Record<string, Json>> = {};
    const inputs = ((view.view.blocks as Json[] | undefined) ?? []).filter((block) => block.type === 'input');
    for (const [blockId, value] of Object.entries(values)) {
      const input = inputs.find((block) => block.block_id === blockId);
      const actionId = String((input?.element as Json | undefined)?.action_id ?? blockId);
      state[blockId] = { [actionId]: { type: 'plain_text_input', value } };
    }
    return {
      type,
      user: this.userOf(user),
      api_app_id: 'A0PSA',
      team: { id: user.teamId, domain: 'msp' },
      enterprise: null,
      view: { ...view.view, id: view.id, hash: view.hash, state: { values: state } },
    };
  }

  suggestion(user: SlackUser, actionId: string, blockId: string, value: string): Json {
    return {
      type: 'block_suggestion',
      user: this.userOf(user),
      team: { id: user.teamId, domain: 'msp' },
      enterprise: null,
      action_id: actionId,
      block_id: blockId,
      value,
      api_app_id: 'A0PSA',
    };
  }
}

export interface FoundControl {
  readonly blockId: string;
  readonly element: Json;
}

function actionOf(control: FoundControl, actionTs: string, selected?: Json): Json {
  const element = control.element;
  const base: Json = {
    action_id: element.action_id,
    block_id: control.blockId,
    type: element.type,
    action_ts: actionTs,
  };
  if (element.type === 'button') return { ...base, value: element.value, text: element.text };
  if (element.type === 'checkboxes') return { ...base, selected_options: selected?.selected_options ?? [] };
  return { ...base, selected_option: selected ?? null };
}

/** Every interactive element of some blocks, with the block it sits in. */
export function controls(blocks: readonly Json[]): FoundControl[] {
  const found: FoundControl[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? '');
    if (block.accessory !== undefined) found.push({ blockId, element: block.accessory as Json });
    for (const element of (block.elements as Json[] | undefined) ?? []) {
      if (typeof element.action_id === 'string') found.push({ blockId, element });
    }
  }
  return found;
}

export function findControl(
  blocks: readonly Json[],
  actionIdPrefix: string,
  predicate: (c: FoundControl) => boolean = () => true,
): FoundControl {
  const control = controls(blocks).find(
    (c) => String(c.element.action_id).startsWith(actionIdPrefix) && predicate(c),
  );
  if (control === undefined)
    throw new Error(`no control ${actionIdPrefix} in ${JSON.stringify(blocks).slice(0, 400)}`);
  return control;
}

/** Every mrkdwn string in a value (plain_text is never parsed for mentions or links). */
export function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = record.type === 'mrkdwn' && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap(mrkdwnTexts)];
}

/** All the text of some blocks, to assert on what a user reads. */
export function blockText(blocks: readonly Json[]): string {
  return JSON.stringify(blocks);
}

export const SIGNING_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
export const BOT_TOKEN = 'xoxb-test-token';

export interface RecordedLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface SlackHarness {
  readonly fake: FakeSlack;
  readonly sender: SlackSender;
  readonly surface: SlackSurface;
  /** `http://127.0.0.1:port/slack/events` on the real shared HTTP server. */
  readonly botUrl: string;
  readonly logs: RecordedLine[];
  close(): Promise<void>;
}

export interface SlackHarnessOptions {
  readonly bot: ImportBot;
  readonly clock: Clock;
  readonly fake?: FakeSlack;
  readonly retryConfig?: RetryOptions;
}

/**
 * The Slack surface on the real shared HTTP server (loopback, ephemeral port) with its WebClient
 * pointed at a fake Slack, and a sender that signs requests with the same secret and clock.
 */
export async function startSlackHarness(options: SlackHarnessOptions): Promise<SlackHarness> {
  const fake = options.fake ?? (await new FakeSlack({ botToken: BOT_TOKEN }).start());
  const logs: RecordedLine[] = [];
  const at =
    (level: string) =>
    (fields: Readonly<Record<string, unknown>>, message: string): void => {
      logs.push({ level, message, fields });
    };
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const surface = createSlackSurface({
    bot: options.bot,
    clock: options.clock,
    logger,
    config: {
      signingSecret: new Secret(SIGNING_SECRET),
      botToken: new Secret(BOT_TOKEN),
      appToken: null,
      apiUrl: fake.apiUrl,
    },
    retryConfig: options.retryConfig ?? { retries: 2, minTimeout: 0, maxTimeout: 10 },
    // The test clock does not move by itself, so only the first progress edit goes out.
    progressIntervalMs: 1_000,
  });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    surfaces: [surface],
    checkDatabase: async () => true,
    logger,
  });
  const botUrl = `${server.url}/slack/events`;
  const sender = new SlackSender(botUrl, SIGNING_SECRET, fake, () =>
    Math.floor(options.clock.now().getTime() / 1000),
  );
  return {
    fake,
    sender,
    surface,
    botUrl,
    logs,
    async close() {
      await server.close(1_000);
      await fake.stop();
    },
  };
}
