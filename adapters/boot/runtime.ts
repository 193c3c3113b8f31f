import { randomFillSync } from 'node:crypto';
import type { Clock } from '../../src/ports/clock.js';
import type { IdGenerator } from '../../src/ports/ids.js';

export const systemClock: Clock = { now: () => new Date() };

const ID_BYTES = 12;
const POOL_IDS = 512;

/**
 * 96 random bits as 16 URL-safe characters: short enough to read in a chat, never guessable.
 * The random bytes are drawn in blocks because an apply names up to ~100,000 new rows, and one
 * CSPRNG call per id cost a quarter of a second of the apply there.
 */
function pooledRandomIds(): IdGenerator {
  const pool = Buffer.alloc(ID_BYTES * POOL_IDS);
  let offset = pool.length;
  return {
    next() {
      if (offset === pool.length) {
        randomFillSync(pool);
        offset = 0;
      }
      const id = pool.toString('base64url', offset, offset + ID_BYTES);
      offset += ID_BYTES;
      return id;
    },
  };
}

export const randomIds: IdGenerator = pooledRandomIds();
