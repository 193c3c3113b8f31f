import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DigestView, View } from '../../../src/app/views.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';

/**
 * A chat surface mounted on the one HTTP server (adapters/boot/http-server.ts): Slack at
 * `/slack/events`, Teams at `/api/messages`. The server owns the port, `/healthz` and 404s; a
 * surface owns its paths, including reading the raw body (signatures are checked on it).
 */
export interface HttpSurface {
  /** Short name for logs, e.g. `slack`. */
  readonly name: string;
  /** Whether a request path belongs to this surface. A Socket Mode surface may own none. */
  handles(pathname: string): boolean;
  /** Must answer every request it is given, errors included. */
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** Work that must not start before the server listens (e.g. opening a Socket Mode connection). */
  start?(): Promise<void>;
  /** Stops taking work and lets what is running finish. */
  stop(): Promise<void>;
  /**
   * Posts a view in a run's thread from outside a request (the webhook failure digest). False
   * when the thread is not this surface's.
   */
  postInThread?(thread: ThreadRef, view: View): Promise<boolean>;
  /**
   * Issue 14: posts a change digest to the conversation where its schedule was set. False when
   * the conversation is not one of this surface's (or no longer readable).
   */
  postDigest?(conversation: ThreadRef, view: DigestView): Promise<boolean>;
}
