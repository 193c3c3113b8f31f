/** Seeded Fisher-Yates, on the ConnectWise sandbox's PRNG, so shuffles repeat run after run. */
import type { Prng } from '../connectwise/prng.js';

export function shuffle<T>(prng: Prng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = prng.int(0, i);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
