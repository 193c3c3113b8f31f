import type { Intent, Paging } from '../../../src/app/intents.js';
import type { ProgressView, View } from '../../../src/app/views.js';
import type { ErrorCode, ErrorDetails } from '../../../src/domain/errors.js';
import type { CredentialField } from '../../../src/ports/psa-gateway.js';
import type { ListMemory } from './list-memory.js';

/** What the session needs from the terminal around it. */
export interface TerminalIo {
  /** The next value for a credential field (hidden for secret fields in a TTY); null at end of input. */
  askField(field: CredentialField): Promise<string | null>;
  progress(view: ProgressView): void;
  /** Writes an export and returns where it went. */
  writeExport(filename: string, csv: string): Promise<string>;
}

/** What a command produced: a view (optionally shown as a short confirmation), or plain text. */
export type Step = { readonly view: View; readonly confirm?: string } | { readonly text: string };

/** What the commands of an open import work with. */
export interface RunContext {
  handle(intent: Intent): Promise<View>;
  paging(page: number): Paging;
  readonly memory: ListMemory;
  readonly io: TerminalIo;
}

export function errorView(code: ErrorCode, details: ErrorDetails = {}): View {
  return { kind: 'error', code, details };
}

/** An `invalid_input` error with our own hint about what to type. */
export function hint(text: string): View {
  return errorView('invalid_input', { hint: text });
}
