import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postResponse, responsePoster } from '../../../../adapters/chat/slack/response-post.js';

describe('postResponse', () => {
  it('posts the reply with its headers and says whether the response_url took it', async () => {
    const received: { method: string | undefined; type: string | undefined; body: string }[] = [];
    let status = 200;
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : 'no_text');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/1`;
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"text":"hi"}',
    };
    try {
      expect(await postResponse(url, init)).toEqual({ ok: true, status: 200 });
      status = 404;
      expect(await postResponse(url, init)).toEqual({ ok: false, status: 404 });
      expect(received).toEqual([
        { method: 'POST', type: 'application/json; charset=utf-8', body: '{"text":"hi"}' },
        { method: 'POST', type: 'application/json; charset=utf-8', body: '{"text":"hi"}' },
      ]);
    } finally {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  });

  it('gives up on a response_url that never answers', async () => {
    const server = createServer(() => {
      // Takes the request and never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/2`;
    try {
      await expect(
        responsePoster(200)(url, { method: 'POST', headers: {}, body: '{"text":"hi"}' }),
      ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    } finally {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    }
  });
});
