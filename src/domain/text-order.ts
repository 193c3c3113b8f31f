import { foldText } from './text-fold.js';

/**
 * A sort key that ignores case and accents. Compared by code unit (not localeCompare) so the order
 * is the same on every ICU build.
 */
export function sortKey(text: string): string {
  return foldText(text);
}

export function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
