import { describe, expect, it } from 'vitest';
import { computeSignature, verifySignature } from '../../../../adapters/chat/slack/signature.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = 1_700_000_000;
const BODY = Buffer.from('command=%2Fpsa&text=help');

function signed(timestamp: string, body = BODY) {
  return { signature: computeSignature(SECRET, timestamp, body), timestamp, rawBody: body };
}

describe('verifySignature', () => {
  it('accepts a genuine request', () => {
    expect(verifySignature(SECRET, signed(String(NOW)), NOW)).toBeNull();
  });

  it('accepts the edges of the five-minute window', () => {
    expect(verifySignature(SECRET, signed(String(NOW - 300)), NOW)).toBeNull();
    expect(verifySignature(SECRET, signed(String(NOW + 300)), NOW)).toBeNull();
  });

  it('refuses 301 s in the past and in the future', () => {
    expect(verifySignature(SECRET, signed(String(NOW - 301)), NOW)).toBe('stale-timestamp');
    expect(verifySignature(SECRET, signed(String(NOW + 301)), NOW)).toBe('stale-timestamp');
  });

  it('refuses a changed body byte', () => {
    const request = signed(String(NOW));
    const changed = Buffer.from(BODY);
    changed[3] = (changed[3] ?? 0) ^ 1;
    expect(verifySignature(SECRET, { ...request, rawBody: changed }, NOW)).toBe('signature-mismatch');
  });

  it('refuses missing and malformed headers', () => {
    const good = signed(String(NOW));
    expect(verifySignature(SECRET, { ...good, signature: undefined }, NOW)).toBe('missing-headers');
    expect(verifySignature(SECRET, { ...good, timestamp: undefined }, NOW)).toBe('missing-headers');
    expect(verifySignature(SECRET, { ...good, timestamp: 'soon' }, NOW)).toBe('malformed-timestamp');
    expect(verifySignature(SECRET, { ...good, signature: good.signature.replace('v0=', 'v1=') }, NOW)).toBe(
      'malformed-signature',
    );
    expect(verifySignature(SECRET, { ...good, signature: `${good.signature}00` }, NOW)).toBe(
      'malformed-signature',
    );
  });

  it('refuses a signature made with another secret', () => {
    const other = {
      ...signed(String(NOW)),
      signature: computeSignature('another-secret', String(NOW), BODY),
    };
    expect(verifySignature(SECRET, other, NOW)).toBe('signature-mismatch');
  });
});
