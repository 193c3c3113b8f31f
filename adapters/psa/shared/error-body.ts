/**
 * Reads a PSA error body whatever its form, for classification only. The result never leaves the
 * adapter: messages are raw PSA text, so they must not reach AppError details or logs.
 *
 * Understood shapes: ConnectWise `{code, message, errors:[{code,message}]}`, Autotask
 * `{errors:["..."]}` and `{Message:"..."}`, plain strings, HTML pages, empty bodies.
 */

export interface ErrorBody {
  /** A machine code when the PSA gave one (ConnectWise `code`). */
  readonly code: string | null;
  /** Every human message found, top-level first. */
  readonly messages: readonly string[];
  readonly kind: 'json' | 'html' | 'text' | 'empty';
}

function messagesOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) messagesOf(item, out);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'Message', 'error', 'title', 'detail']) messagesOf(record[key], out);
    messagesOf(record.errors, out);
  }
}

export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { code: null, messages: [], kind: 'empty' };
  if (trimmed.startsWith('<')) return { code: null, messages: [], kind: 'html' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { code: null, messages: [trimmed], kind: 'text' };
  }
  const messages: string[] = [];
  messagesOf(parsed, messages);
  const code =
    parsed !== null && typeof parsed === 'object' && typeof (parsed as { code?: unknown }).code === 'string'
      ? (parsed as { code: string }).code
      : null;
  return { code, messages, kind: 'json' };
}
