import type { DigestView } from '../../../src/app/views.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import { renderDigest } from './render-digest.js';

/**
 * Issue 14: change digests for the terminal chat wait here until its next prompt, so they never
 * break into a line being typed. The history keeps them too (`/psa history`, from the database).
 */
export class DigestInbox {
  readonly #waiting: DigestView[] = [];

  /** Accepts the terminal's own conversation only. */
  post(conversation: ThreadRef, view: DigestView): boolean {
    if (conversation.platform !== 'terminal') return false;
    this.#waiting.push(view);
    return true;
  }

  /** Everything waiting, as text, oldest first; empties the inbox. */
  drain(): string[] {
    return this.#waiting.splice(0).map((view) => renderDigest(view));
  }
}
