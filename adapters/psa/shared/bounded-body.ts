/**
 * Reads a response body up to a byte cap, chunk by chunk: a 500 MB answer is abandoned after the
 * cap instead of being buffered whole.
 *
 *   const bytes = await readBounded(response.body, 32 * 1024 * 1024); // null when over the cap
 */
export interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/** The whole body, or null (and the stream destroyed) as soon as it passes `maxBytes`. */
export async function readBounded(body: BodyStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A declared `content-length` already over the cap; a missing or odd one is left to the count. */
export function declaredTooLarge(contentLength: string | undefined, maxBytes: number): boolean {
  if (contentLength === undefined || !/^\d+$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > maxBytes;
}
