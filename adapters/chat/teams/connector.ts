import { ConversationActivityClient, ConversationMemberClient } from '@microsoft/teams.api';
import type { ClientOptions } from '@microsoft/teams.common';
import type { BotTokenSource } from './bot-token.js';
import { attachment, type Card } from './card-kit.js';
import { allowedServiceUrl } from './service-url.js';
import {
  baseConversationId,
  type ConversationAddress,
  type ThreadAddress,
  threadedConversationId,
} from './thread-ref.js';

/** What the adapter sends to Teams. Every call goes to an allowed service URL or nowhere. */
export interface Connector {
  /** A new message in the conversation (the root of a run's thread); returns its activity id. */
  post(address: ConversationAddress, card: Card): Promise<string>;
  /** A reply in the thread; returns its activity id. */
  reply(thread: ThreadAddress, card: Card): Promise<string>;
  /** Replaces a message's card for everyone. */
  update(address: ConversationAddress, activityId: string, card: Card): Promise<void>;
  /** The conversation member id (`29:…`) Teams uses for an Entra object id, or null. */
  memberId(address: ConversationAddress, aadObjectId: string): Promise<string | null>;
}

export class ServiceUrlNotAllowedError extends Error {
  constructor() {
    super('service URL is not on the allow-list');
    this.name = 'ServiceUrlNotAllowedError';
  }
}

export interface ConnectorOptions {
  readonly allowedHosts: readonly string[];
  /** Null only in the unauthenticated local mode without an app id. */
  readonly tokens: BotTokenSource | null;
  readonly timeoutMs?: number;
}

function message(card: Card) {
  return { type: 'message' as const, attachments: [attachment(card)] };
}

/**
 * The Bot Connector client of the Teams SDK (`@microsoft/teams.api`) behind the allow-list. The
 * HTTP client also checks every request URL, so nothing the SDK sends on its own can leave
 * for another host either.
 */
export function createConnector(options: ConnectorOptions): Connector {
  const guard = (url: string | undefined): void => {
    if (url === undefined || allowedServiceUrl(new URL(url).origin, options.allowedHosts) === null) {
      throw new ServiceUrlNotAllowedError();
    }
  };
  const tokens = options.tokens;
  // Options rather than a Client instance: teams.api loads the CommonJS build of teams.common,
  // and builds its own client from these.
  const http: ClientOptions = {
    timeout: options.timeoutMs ?? 15_000,
    ...(tokens === null ? {} : { token: () => tokens.token() }),
    interceptors: [
      {
        request: ({ config }) => {
          guard(config.url);
          return config;
        },
      },
    ],
  };

  const base = (serviceUrl: string): string => {
    const allowed = allowedServiceUrl(serviceUrl, options.allowedHosts);
    if (allowed === null) throw new ServiceUrlNotAllowedError();
    return allowed;
  };
  const activities = (serviceUrl: string) => new ConversationActivityClient(base(serviceUrl), http);

  return {
    async post(address, card) {
      const sent = await activities(address.serviceUrl).create(
        baseConversationId(address.conversationId),
        message(card),
      );
      return sent.id;
    },
    async reply(thread, card) {
      const client = activities(thread.serviceUrl);
      const sent = thread.threaded
        ? await client.create(threadedConversationId(thread), message(card))
        : await client.reply(baseConversationId(thread.conversationId), thread.rootActivityId, message(card));
      return sent.id;
    },
    async update(address, activityId, card) {
      await activities(address.serviceUrl).update(address.conversationId, activityId, message(card));
    },
    async memberId(address, aadObjectId) {
      const members = new ConversationMemberClient(base(address.serviceUrl), http);
      try {
        const member = await members.getById(
          baseConversationId(address.conversationId),
          encodeURIComponent(aadObjectId),
        );
        return typeof member.id === 'string' && member.id !== '' ? member.id : null;
      } catch {
        // Not a member of this conversation (or the lookup failed): they cannot see the card here.
        return null;
      }
    },
  };
}
