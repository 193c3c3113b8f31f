/**
 * Scripted failures for tests: the next `times` requests whose path contains `path` (every path
 * when absent) get the fault instead of (or, for a 2xx without body, before) the normal answer.
 *
 *   injectFault({ status: 429, retryAfterSeconds: 2, times: 1 })
 *   injectFault({ status: 200, body: 'html' })            // a login page where JSON was expected
 *   injectFault({ status: 200, delayMs: 5_000 })          // a slow but correct answer
 */

export interface SandboxFault {
  readonly status: number;
  /** Default: 'json' for errors, none (normal answer) for 2xx. */
  readonly body?: 'json' | 'html' | 'empty';
  readonly retryAfterSeconds?: number;
  readonly delayMs?: number;
  /** Default 1; Infinity keeps it until clearFaults(). */
  readonly times?: number;
  /** Substring of the request path, e.g. '/company/contacts'. */
  readonly path?: string;
}

interface ArmedFault {
  readonly fault: SandboxFault;
  remaining: number;
}

export interface FaultQueue {
  add(fault: SandboxFault): void;
  /** Takes the first armed fault matching the path, counting one use of it. */
  take(path: string): SandboxFault | null;
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  let armed: ArmedFault[] = [];
  return {
    add(fault) {
      armed.push({ fault, remaining: fault.times ?? 1 });
    },
    take(path) {
      const match = armed.find(
        (entry) => entry.remaining > 0 && (entry.fault.path === undefined || path.includes(entry.fault.path)),
      );
      if (match === undefined) return null;
      match.remaining -= 1;
      armed = armed.filter((entry) => entry.remaining > 0);
      return match.fault;
    },
    clear() {
      armed = [];
    },
  };
}

const MESSAGES: Readonly<Record<number, readonly [string, string]>> = {
  400: ['InvalidObject', 'The request is invalid'],
  401: ['Unauthorized', 'Unauthorized: the API member or keys are not valid'],
  403: ['Forbidden', 'You do not have permission to perform this action'],
  404: ['NotFound', 'The resource was not found'],
  429: ['TooManyRequests', 'Too many requests'],
  500: ['UnexpectedServerError', 'An unexpected server error has occurred'],
};

/** The ConnectWise error body `{code, message, errors}` for a status. */
export function errorJson(status: number, message?: string): string {
  const [code, text] = MESSAGES[status] ?? ['Error', `HTTP ${status}`];
  return JSON.stringify({ code, message: message ?? text, errors: [] });
}

export const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>ConnectWise Manage</title></head><body><h1>Sign in</h1></body></html>';
