/**
 * Answers kept as the bytes sent, for benches that read the same 50,000 contacts several times:
 * without it the sandbox spends a core joining and encoding ~0.5 MB pages (and collecting the
 * garbage), and the two clients a bench compares end up measuring the sandbox, not themselves.
 * The data set never changes under one route function, so an answer never goes stale; a new data
 * set comes with a new cache. Only successful answers are kept, oldest dropped past `maxBytes`.
 *
 *   const cached = createAnswerCache(64 * 1024 * 1024);
 *   const result = cached(key, () => route(path, url, forwardOnly, origin));
 */
import type { RouteResult } from './api-routes.js';

export type AnswerCache = (key: string, compute: () => RouteResult) => RouteResult;

export function createAnswerCache(maxBytes: number): AnswerCache {
  const answers = new Map<string, RouteResult & { readonly body: Buffer }>();
  let bytes = 0;
  return (key, compute) => {
    const hit = answers.get(key);
    if (hit !== undefined) return hit;
    const result = compute();
    if (result.status !== 200) return result;
    const body = Buffer.from(typeof result.body === 'string' ? result.body : result.body.join(''), 'utf8');
    const kept = { ...result, body };
    answers.set(key, kept);
    bytes += body.length;
    for (const [oldKey, old] of answers) {
      if (bytes <= maxBytes) break;
      answers.delete(oldKey);
      bytes -= old.body.length;
    }
    return kept;
  };
}
