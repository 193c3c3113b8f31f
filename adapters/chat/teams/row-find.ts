import type { ReviewRowView } from '../../../src/app/views.js';
import { encodeCompanyDecision, mapCode } from '../shared/decision-codec.js';
import { INPUT } from './card-actions.js';
import { type Action, actionSet, type Choice, columns, type Element, text } from './card-kit.js';
import { md, plain } from './markdown.js';

/**
 * A row's "Find a managed company": a text box and a Find button (Adaptive Cards 1.5 has no
 * dynamic typeahead), answered by the same card with the matches added to that row's list.
 */

/** The most matches one Find adds to a row's list. */
export const FIND_LIMIT = 10;
/** The longest search text kept (the core searches at most 100 characters). */
export const FIND_MAX_LENGTH = 100;

/** What one row's Find found, drawn on the next card. */
export interface RowSearch {
  readonly psaCompanyId: number;
  readonly query: string;
  readonly matches: readonly { readonly id: string; readonly name: string }[];
}

/**
 * The card drawn again after a Find: what it found, and the choices the page's lists showed when
 * it was pressed (by PSA company id; not saved, so they are kept as unsaved choices).
 */
export interface Redraw {
  readonly search: RowSearch;
  readonly pending: Readonly<Record<string, string>>;
}

/** The row's unsaved choice when it is still one of its choices, else its saved decision. */
export function shownChoice(row: ReviewRowView, choices: readonly Choice[], redraw: Redraw | null): string {
  const pending = redraw?.pending[String(row.psaCompanyId)];
  if (pending !== undefined && choices.some((choice) => choice.value === pending)) return pending;
  return encodeCompanyDecision(row.decision);
}

/** Rows that may be mapped to another managed company get a Find. */
export function canFind(row: ReviewRowView): boolean {
  return row.allowed.includes('map');
}

/** The matches as choices after `listed`, none repeated and none picked. */
export function matchChoices(
  search: RowSearch,
  listed: readonly Choice[],
  max: number,
  titleLength: number,
): Choice[] {
  const seen = new Set(listed.map((choice) => choice.value));
  const added: Choice[] = [];
  for (const match of search.matches) {
    const value = mapCode(match.id);
    if (seen.has(value) || added.length >= max) continue;
    seen.add(value);
    added.push({ title: `Map to ${plain(match.name, titleLength)}`, value });
  }
  return added;
}

/** The search box, its button and, after a Find, what it found. */
export function findElements(
  row: ReviewRowView,
  search: RowSearch | null,
  find: Action,
  added: number,
): Element[] {
  const box: Element = {
    type: 'Input.Text',
    id: INPUT.findCompany(row.psaCompanyId),
    placeholder: 'Find a managed company',
    maxLength: FIND_MAX_LENGTH,
    ...(search === null || search.query === '' ? {} : { value: plain(search.query, FIND_MAX_LENGTH) }),
  };
  const elements: Element[] = [columns([[box], [actionSet([find])]])];
  if (search === null) return elements;
  const query = md(search.query, 40);
  let said: string;
  if (search.query === '') said = 'Type part of a name, then Find.';
  else if (search.matches.length === 0) said = `No managed company matches "${query}".`;
  else if (added === 0) said = `Everything matching "${query}" is already in the list.`;
  else said = `${added} found for "${query}", added to the list below.`;
  elements.push(text(said, { isSubtle: true, spacing: 'None' }));
  return elements;
}
