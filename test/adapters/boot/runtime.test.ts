import { describe, expect, it } from 'vitest';
import { randomIds } from '../../../adapters/boot/runtime.js';

describe('randomIds', () => {
  it('gives distinct 16-character URL-safe ids, also across refills of its random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => randomIds.next());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
