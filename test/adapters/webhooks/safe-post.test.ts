import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInternal, judgeAddresses } from '../../../adapters/webhooks/address-policy.js';
import { safePost } from '../../../adapters/webhooks/safe-post.js';
import { WebhookReceiver } from '../../support/webhook-receiver.js';

const options = { allowPrivate: false, timeoutMs: 5_000 };

describe('outbound webhook safety', () => {
  let receiver: WebhookReceiver;
  let url: string;

  beforeEach(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('posts to a loopback receiver and keeps nothing of its body', async () => {
    const result = await safePost(`${url}/hook`, { 'webhook-id': 'evt_1' }, '{"a":1}', options);
    expect(result).toEqual({ kind: 'answered', status: 200, retryAfterSeconds: null });
    expect(receiver.received[0]).toMatchObject({ path: '/hook', body: '{"a":1}' });
  });

  it('never follows a redirect', async () => {
    receiver.answer = (hook) =>
      hook.path === '/hook' ? { status: 307, headers: { location: `${url}/elsewhere` } } : { status: 200 };
    const result = await safePost(`${url}/hook`, {}, '{}', options);
    expect(result).toMatchObject({ kind: 'answered', status: 307 });
    expect(receiver.received.map((h) => h.path)).toEqual(['/hook']);
  });

  it('refuses hosts that resolve to private or link-local addresses, without connecting', async () => {
    for (const address of [
      '10.1.2.3',
      '192.168.0.10',
      '172.20.0.1',
      '169.254.169.254',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ]) {
      let resolved = false;
      const result = await safePost('https://hooks.example.com/x', {}, '{}', {
        ...options,
        resolve: async () => {
          resolved = true;
          return ['93.184.216.34', address];
        },
      });
      expect(resolved).toBe(true);
      expect(result).toMatchObject({ kind: 'failed', refused: true });
      expect(result.kind === 'failed' && result.error).toMatch(/private or link-local/);
    }
  });

  it('refuses plain http to anything but loopback, even when it resolves publicly', async () => {
    const result = await safePost('http://hooks.example.com/x', {}, '{}', {
      ...options,
      resolve: async () => ['93.184.216.34'],
    });
    expect(result).toMatchObject({ kind: 'failed', refused: true });
    expect(result.kind === 'failed' && result.error).toMatch(/plain http/);
    // A name that resolves to loopback and elsewhere is not loopback.
    const mixed = await safePost(url.replace('127.0.0.1', 'mixed.test'), {}, '{}', {
      ...options,
      resolve: async () => ['127.0.0.1', '93.184.216.34'],
    });
    expect(mixed).toMatchObject({ kind: 'failed', refused: true });
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    const result = await safePost(url.replace('127.0.0.1', 'receiver.test'), {}, '{}', {
      ...options,
      resolve: async () => ['127.0.0.1'],
    });
    expect(result).toMatchObject({ kind: 'answered', status: 200 });
  });

  it('lets an operator allow private addresses', () => {
    expect(judgeAddresses('https:', ['10.0.0.7'], false).ok).toBe(false);
    expect(judgeAddresses('https:', ['10.0.0.7'], true).ok).toBe(true);
    expect(judgeAddresses('ftp:', ['93.184.216.34'], true).ok).toBe(false);
    expect(isInternal('8.8.8.8')).toBe(false);
    expect(isInternal('100.64.1.1')).toBe(true);
  });
});
