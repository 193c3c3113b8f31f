import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's window: a request older or newer than this is refused (replay protection). */
export const MAX_SKEW_SECONDS = 300;

export type SignatureProblem =
  | 'missing-headers'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'malformed-signature'
  | 'signature-mismatch';

export interface SignedRequest {
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  /** The body exactly as received, before any parsing or decoding. */
  readonly rawBody: Buffer;
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export function computeSignature(signingSecret: string, timestamp: string, rawBody: Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * Verifies Slack's request signature: `v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}`, compared
 * in constant time, with the timestamp no more than five minutes away in either direction (Bolt's
 * own check only refuses the past). Returns the problem, or null when the request is genuine.
 */
export function verifySignature(
  signingSecret: string,
  request: SignedRequest,
  nowSeconds: number,
): SignatureProblem | null {
  const { signature, timestamp } = request;
  if (signature === undefined || timestamp === undefined) return 'missing-headers';
  if (!TIMESTAMP.test(timestamp)) return 'malformed-timestamp';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale-timestamp';
  const given = SIGNATURE.exec(signature)?.[1];
  if (given === undefined) return 'malformed-signature';
  const expected = computeSignature(signingSecret, timestamp, request.rawBody).slice(3);
  const match = timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
  return match ? null : 'signature-mismatch';
}
