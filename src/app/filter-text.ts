import { AppError } from '../domain/errors.js';
import type { CompanyFilter, FilterChoice, FilterOptions } from '../domain/psa-records.js';

/** Splits on spaces, keeping `key="two words"` together. */
function tokens(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((match) => match[0].replaceAll('"', ''));
}

function pick(kind: string, wanted: string, choices: readonly FilterChoice[]): string[] {
  return wanted
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const lower = part.toLowerCase();
      const found = choices.find((choice) => choice.id === part || choice.name.toLowerCase() === lower);
      if (found === undefined) {
        const known = choices.map((choice) => choice.name).join(', ');
        throw new AppError('invalid_input', {
          hint: `unknown ${kind} "${part.slice(0, 40)}"; known: ${known}`,
        });
      }
      return found.id;
    });
}

/**
 * Reads the filter part of `/psa import <provider> …`. Without words the sensible default
 * applies: the PSA's default types and statuses, active companies only.
 *   type=Client,Prospect   status=Active   inactive (also include inactive)   all (no filter)
 */
export function parseFilterText(text: string, options: FilterOptions): CompanyFilter {
  let typeIds = options.types.filter((choice) => choice.isDefault).map((choice) => choice.id);
  let statusIds = options.statuses.filter((choice) => choice.isDefault).map((choice) => choice.id);
  let activeOnly = true;
  for (const token of tokens(text)) {
    const [rawKey = '', value = ''] = token.split('=', 2);
    const key = rawKey.toLowerCase();
    if (key === 'all' && value === '') {
      typeIds = [];
      statusIds = [];
      activeOnly = false;
    } else if (key === 'active' && value === '') {
      // Written by formatFilterText after `status=`, which clears it (issue 14).
      activeOnly = true;
    } else if (key === 'inactive' && value === '') {
      activeOnly = false;
      statusIds = [];
    } else if (key === 'type' || key === 'types') {
      typeIds = value === '*' ? [] : pick('type', value, options.types);
    } else if (key === 'status' || key === 'statuses') {
      statusIds = value === '*' ? [] : pick('status', value, options.statuses);
      activeOnly = false;
    } else {
      throw new AppError('invalid_input', {
        hint: `unknown filter "${token.slice(0, 40)}"; use type=…, status=…, inactive or all`,
      });
    }
  }
  return describeFilter({ typeIds, statusIds, activeOnly }, options, tokens(text).length === 0);
}

function names(ids: readonly string[], choices: readonly FilterChoice[]): string {
  return ids.map((id) => choices.find((choice) => choice.id === id)?.name ?? id).join(', ');
}

/** The filter with the words the review header shows, e.g. "Client; Active; active only". */
export function describeFilter(
  filter: CompanyFilter,
  options: FilterOptions,
  isDefault: boolean,
): CompanyFilter {
  const parts = [filter.typeIds.length === 0 ? 'every type' : names(filter.typeIds, options.types)];
  if (options.statuses.length > 0) {
    parts.push(filter.statusIds.length === 0 ? 'every status' : names(filter.statusIds, options.statuses));
  }
  parts.push(filter.activeOnly ? 'active only' : 'inactive included');
  return { ...filter, label: parts.join('; '), isDefault };
}

/** The header's words for a run stored without a label. */
export function filterLabel(filter: CompanyFilter): string {
  if (filter.label !== undefined) return filter.label;
  const types = filter.typeIds.length === 0 ? 'every type' : `types ${filter.typeIds.join(', ')}`;
  const statuses = filter.statusIds.length === 0 ? 'every status' : `statuses ${filter.statusIds.join(', ')}`;
  return `${types}; ${statuses}; ${filter.activeOnly ? 'active only' : 'inactive included'}`;
}
