/**
 * Scripted misbehaviour for tests: the next matching requests get a chosen status, body and delay
 * instead of the normal answer. A fault without a status only delays the normal answer.
 */

export type FaultBody = 'json' | 'html' | 'empty' | { readonly json: unknown } | { readonly text: string };

export interface SandboxFault {
  /** Case-insensitive substring of the request path, e.g. 'Companies/query' or 'ZoneInformation'. */
  readonly path?: string;
  readonly method?: string;
  readonly status?: number;
  /** Default 'json': `{"errors":["Injected fault"]}`. */
  readonly body?: FaultBody;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** How many requests it applies to; default 1, `Infinity` for all. */
  readonly times?: number;
}

interface Armed {
  readonly fault: SandboxFault;
  remaining: number;
}

export class FaultQueue {
  readonly #armed: Armed[] = [];

  add(fault: SandboxFault): void {
    this.#armed.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#armed.length = 0;
  }

  take(method: string, path: string): SandboxFault | undefined {
    const lowerPath = path.toLowerCase();
    const hit = this.#armed.find(
      (a) =>
        a.remaining > 0 &&
        (a.fault.path === undefined || lowerPath.includes(a.fault.path.toLowerCase())) &&
        (a.fault.method === undefined || a.fault.method.toUpperCase() === method),
    );
    if (hit === undefined) return undefined;
    hit.remaining -= 1;
    return hit.fault;
  }
}

export function renderFaultBody(body: FaultBody | undefined): { contentType: string; text: string } {
  if (body === 'html') {
    return {
      contentType: 'text/html',
      text: '<!DOCTYPE html><html><body><h1>Service Unavailable</h1><p>Injected fault.</p></body></html>',
    };
  }
  if (body === 'empty') return { contentType: 'text/plain', text: '' };
  if (body === undefined || body === 'json') {
    return { contentType: 'application/json', text: JSON.stringify({ errors: ['Injected fault'] }) };
  }
  if ('json' in body) return { contentType: 'application/json', text: JSON.stringify(body.json) };
  return { contentType: 'text/plain', text: body.text };
}
