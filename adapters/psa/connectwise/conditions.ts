/**
 * Builds ConnectWise `conditions` / `childConditions` strings. Field names are our own constants;
 * every value goes through `literal`, so a company identifier like `Smith "Bros"` cannot end the
 * string early and smuggle in another clause.
 *
 *   and(eq('deletedFlag', false), inList('status/id', [1, 2]), notEq('identifier', 'acme'))
 *   -> 'deletedFlag = false and status/id in (1,2) and identifier != "acme"'
 */

export type ConditionValue = string | number | boolean;

/** A double-quoted string with `\` and `"` escaped by a backslash. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

export function literal(value: ConditionValue): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    // A NaN or 1e21 would produce text the PSA parses as something else entirely.
    if (!Number.isSafeInteger(value)) throw new RangeError('condition numbers must be safe integers');
    return String(value);
  }
  return value ? 'true' : 'false';
}

export function eq(field: string, value: ConditionValue): string {
  return `${field} = ${literal(value)}`;
}

export function notEq(field: string, value: ConditionValue): string {
  return `${field} != ${literal(value)}`;
}

export function greaterThan(field: string, value: number): string {
  return `${field} > ${literal(value)}`;
}

export function atMost(field: string, value: number): string {
  return `${field} <= ${literal(value)}`;
}

export function inList(field: string, values: readonly ConditionValue[]): string {
  if (values.length === 0) throw new RangeError('an in-list needs at least one value');
  return `${field} in (${values.map(literal).join(',')})`;
}

/** Joins the non-empty clauses; an empty result means "no condition". */
export function and(...clauses: readonly (string | null | undefined)[]): string {
  return clauses
    .filter((clause): clause is string => clause !== null && clause !== undefined && clause !== '')
    .join(' and ');
}
