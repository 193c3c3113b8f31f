import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../../../../adapters/psa/sandbox/connectwise/answer-cache.js';
import type { RouteResult } from '../../../../../adapters/psa/sandbox/connectwise/api-routes.js';
import { startSandboxConnectWise } from '../../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';

describe('sandbox answer cache', () => {
  it('computes an answer once per key and keeps it as the bytes of its chunks', () => {
    const cached = createAnswerCache(1_000);
    let computed = 0;
    const page = (): RouteResult => {
      computed += 1;
      return { status: 200, body: ['[1', ',2]'], headers: { link: '<x>; rel="next"' } };
    };
    const first = cached('a', page);
    const second = cached('a', page);
    expect(computed).toBe(1);
    expect(second).toBe(first);
    expect(Buffer.isBuffer(first.body) && first.body.toString('utf8')).toBe('[1,2]');
    expect(first.headers).toEqual({ link: '<x>; rel="next"' });
  });

  it('keeps no error answer and drops the oldest answers past its size', () => {
    const cached = createAnswerCache(10);
    let computed = 0;
    const answer = (status: number, body: string) => (): RouteResult => {
      computed += 1;
      return { status, body };
    };
    cached('bad', answer(400, 'no'));
    cached('bad', answer(400, 'no'));
    expect(computed).toBe(2);
    cached('one', answer(200, '123456'));
    cached('two', answer(200, '123456')); // 12 bytes kept: 'one' goes
    cached('two', answer(200, '123456'));
    expect(computed).toBe(4);
    cached('one', answer(200, '123456'));
    expect(computed).toBe(5);
  });

  it('serves the same bytes and links as a sandbox without it', async () => {
    const plain = await startSandboxConnectWise({ companies: 30, contactsPerCompany: 3 });
    const kept = await startSandboxConnectWise({
      companies: 30,
      contactsPerCompany: 3,
      answerCacheBytes: 1 << 20,
    });
    try {
      const read = async (site: string, credentials: Readonly<Record<string, string>>) => {
        const auth = `${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`;
        const response = await request(
          `${site}/v2026_1/apis/3.0/company/contacts?pageSize=10&page=2&orderBy=id%20asc&fields=id,company`,
          {
            headers: {
              authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
              clientid: credentials.clientId ?? '',
            },
          },
        );
        const link = String(response.headers.link ?? '').replaceAll(site, '');
        return { status: response.statusCode, link, text: await response.body.text() };
      };
      const expected = await read(plain.site, plain.credentials);
      expect(expected.status).toBe(200);
      expect(await read(kept.site, kept.credentials)).toEqual(expected);
      expect(await read(kept.site, kept.credentials)).toEqual(expected);
    } finally {
      await plain.close();
      await kept.close();
    }
  });
});
