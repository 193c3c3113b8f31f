/**
 * Recognises transport failures thrown by undici (or Node's sockets) so the client can retry them
 * and report "unreachable" or "timeout" instead of leaking a raw error.
 */

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  // TLS failures look the same to an admin: the host is not the PSA they think it is.
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  // undici wraps socket errors; the system code is often on `cause`.
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** The first recognised transport code, e.g. 'ECONNREFUSED'; null when not a network failure. */
export function networkErrorCode(error: unknown): string | null {
  return codesOf(error).find((code) => NETWORK_CODES.has(code)) ?? null;
}

export function isTransportTimeout(error: unknown): boolean {
  return codesOf(error).some((code) => TIMEOUT_CODES.has(code));
}
