import type { ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The one answer to every authentication failure: it says nothing about why. */
export function sendUnauthorized(res: ServerResponse): void {
  sendJson(
    res,
    401,
    { error: { code: 'unauthorized', message: 'a valid API token is required' } },
    {
      'www-authenticate': 'Bearer realm="psa-import-bot"',
    },
  );
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
