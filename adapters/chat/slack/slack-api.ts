import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../src/ports/logger.js';
import { checkMessage, checkModal } from './block-kit-limits.js';
import type { SlackMessage, SlackModal } from './blocks.js';

export interface ChannelFacts {
  /** Shared with another organisation (Slack Connect), or about to be. */
  readonly externallyShared: boolean;
  /** The bot can post here: a member of the channel, or a direct message with it. */
  readonly member: boolean;
}

export interface Installation {
  readonly teamId: string;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
}

/** Where an ephemeral answer goes: the request's response_url when it has one, else the channel. */
export interface EphemeralTarget {
  readonly responseUrl?: string | undefined;
  readonly channel?: string | undefined;
  readonly user: string;
}

const SLACK_RESPONSE_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A response_url is posted to with the reply, so only Slack's own hosts qualify, whatever a
 * (signed) payload says; loopback only when the Web API itself is on loopback (SLACK_API_URL in
 * tests).
 */
export function isSlackResponseUrl(url: string, slackApiUrl: string): boolean {
  if (!URL.canParse(url)) return false;
  const target = new URL(url);
  if (target.protocol === 'https:' && SLACK_RESPONSE_HOSTS.has(target.hostname)) return true;
  const api = URL.canParse(slackApiUrl) ? new URL(slackApiUrl) : null;
  return api !== null && LOOPBACK_HOSTS.has(api.hostname) && LOOPBACK_HOSTS.has(target.hostname);
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ ok: boolean; status: number }>;

/**
 * Everything the adapter sends to Slack. Messages go out with `parse: none` (no automatic
 * mention or channel linking of text), no `link_names`, and unfurling off, because names from the
 * PSA are untrusted. Rate limits (429) are handled by the WebClient, which waits Retry-After.
 */
export class SlackApi {
  private installation: Promise<Installation> | null = null;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly fetchFn: FetchLike,
  ) {}

  private checked(kind: string, violations: readonly string[]): void {
    if (violations.length > 0)
      this.logger.warn({ kind, violations: violations.slice(0, 5) }, 'Block Kit limit exceeded');
  }

  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    this.checked('message', checkMessage(message));
    const response = await this.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: [...message.blocks] as never,
      parse: 'none',
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    });
    return String(response.ts ?? '');
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    this.checked('message', checkMessage(message));
    await this.client.chat.update({
      channel,
      ts,
      text: message.text,
      blocks: [...message.blocks] as never,
      parse: 'none',
    });
  }

  async ephemeral(target: EphemeralTarget, message: SlackMessage): Promise<void> {
    this.checked('message', checkMessage(message));
    const { responseUrl } = target;
    if (responseUrl !== undefined && !isSlackResponseUrl(responseUrl, this.client.slackApiUrl)) {
      this.logger.warn({}, "ignored a response_url outside Slack's hosts");
    } else if (responseUrl !== undefined) {
      try {
        const response = await this.fetchFn(responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({
            response_type: 'ephemeral',
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
          }),
        });
        if (response.ok) return;
        this.logger.warn({ status: response.status }, 'slack response_url refused the reply');
      } catch (error) {
        // Unreachable or timed out: the channel post below still reaches the admin.
        this.logger.warn({ err: error }, 'slack response_url could not be reached');
      }
    }
    if (target.channel === undefined) return;
    await this.client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text: message.text,
      blocks: [...message.blocks] as never,
      parse: 'none',
    });
  }

  async openModal(triggerId: string, view: SlackModal): Promise<string> {
    this.checked('modal', checkModal(view));
    const response = await this.client.views.open({ trigger_id: triggerId, view: view as never });
    return String(response.view?.id ?? '');
  }

  async updateModal(viewId: string, view: SlackModal): Promise<void> {
    this.checked('modal', checkModal(view));
    await this.client.views.update({ view_id: viewId, view: view as never });
  }

  async uploadCsv(
    channel: string,
    threadTs: string | undefined,
    filename: string,
    csv: string,
    comment: string,
  ): Promise<void> {
    const file = { filename, title: filename, content: csv, initial_comment: comment };
    await this.client.filesUploadV2(
      threadTs === undefined
        ? { ...file, channel_id: channel }
        : { ...file, channel_id: channel, thread_ts: threadTs },
    );
  }

  async channelFacts(channel: string): Promise<ChannelFacts> {
    const response = await this.client.conversations.info({ channel });
    const info = (response.channel ?? {}) as Record<string, unknown>;
    const externallyShared =
      info.is_ext_shared === true ||
      info.is_pending_ext_shared === true ||
      (info.is_shared === true && info.is_org_shared !== true);
    const member = info.is_member === true || info.is_im === true || info.is_mpim === true;
    return { externallyShared, member };
  }

  /** Which team (or Enterprise Grid org) installed the app; asked once per process. */
  identity(): Promise<Installation> {
    if (this.installation === null) {
      const pending = this.client.auth.test().then((response) => ({
        teamId: String(response.team_id ?? ''),
        enterpriseId:
          typeof response.enterprise_id === 'string' && response.enterprise_id !== ''
            ? response.enterprise_id
            : null,
        isEnterpriseInstall: response.is_enterprise_install === true,
      }));
      // A failed lookup is asked again next time instead of being cached; the caller awaiting
      // `pending` sees the error itself, so this branch only forgets it.
      void pending.catch(() => {
        this.installation = null;
      });
      this.installation = pending;
    }
    return this.installation;
  }
}
