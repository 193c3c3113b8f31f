import type { ChatPlatform } from './chat-identity.js';

/** Where the run's thread lives on its chat surface; opaque to the core (adapter-owned JSON). */
export interface ThreadRef {
  readonly platform: ChatPlatform;
  readonly data: string;
}
