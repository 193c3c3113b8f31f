import type { CompanyFilter } from '../domain/psa-records.js';

function ids(values: readonly string[]): string {
  if (values.length === 0) return '*';
  const joined = values.join(',');
  return /[\s"]/.test(joined) ? `"${joined.replaceAll('"', '')}"` : joined;
}

/**
 * The filter words that `parseFilterText` reads back into exactly `filter`, by id, so a digest's
 * Start import repeats the integration's last filter. `active` comes last: `status=` clears it.
 */
export function formatFilterText(filter: CompanyFilter): string {
  const words = [`type=${ids(filter.typeIds)}`, `status=${ids(filter.statusIds)}`];
  if (filter.activeOnly) words.push('active');
  return words.join(' ');
}
