/**
 * The sandbox's reading of ConnectWise `conditions`: comparisons (`=`, `!=`, `<`, `<=`, `>`, `>=`,
 * `like`, `contains`, `in (...)`, `not in (...)`) joined by `and` / `or`, with parentheses and
 * `not`. Values: double-quoted strings (`\"` and `\\` escapes), integers, true/false, null and
 * [dates]. String comparisons ignore case like SQL Server's default collation. A path such as
 * `types/id` on an array field matches when any element matches (`!=` / `not in`: when none does).
 *
 *   const { matches } = compileConditions('deletedFlag = false and status/id in (1,3)', ALLOWED);
 *   matches(record) // boolean; a malformed string or unknown field throws ConditionError
 */

import { ConditionError } from './condition-error.js';
import { tokenize, type Value } from './condition-tokens.js';

export { ConditionError };

export type Predicate = (record: unknown) => boolean;

/** A direct reader for the common one- or two-segment path; falls back when it meets an array. */
function matcher(path: readonly string[], test: (value: Value) => boolean): Predicate {
  const [first, second] = path as [string, string | undefined];
  if (path.length > 2) return (record) => someValue(record, path, 0, test);
  return (record) => {
    const top = (record as Record<string, unknown>)[first];
    if (Array.isArray(top)) return someValue(top, path, 1, test);
    if (second === undefined) return test(top === undefined ? null : (top as Value));
    const inner =
      top !== null && typeof top === 'object' ? (top as Record<string, unknown>)[second] : undefined;
    if (Array.isArray(inner)) return someValue(inner, path, 2, test);
    return test(inner === undefined ? null : (inner as Value));
  };
}

/** Calls `test` on each value at `path` (arrays fan out) until one passes; allocation-free. */
function someValue(
  node: unknown,
  path: readonly string[],
  depth: number,
  test: (value: Value) => boolean,
): boolean {
  if (Array.isArray(node)) return node.some((item) => someValue(item, path, depth, test));
  if (depth === path.length) return test(node === undefined ? null : (node as Value));
  const next =
    node !== null && typeof node === 'object'
      ? (node as Record<string, unknown>)[path[depth] as string]
      : undefined;
  return someValue(next, path, depth + 1, test);
}

const norm = (value: Value): Value => (typeof value === 'string' ? value.toLowerCase() : value);

function compare(op: string, left: Value, right: Value): boolean {
  const a = norm(left);
  const b = norm(right);
  switch (op) {
    case '=':
      return a === b;
    case 'like': {
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const pattern = b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
      return new RegExp(`^${pattern}$`, 's').test(a);
    }
    case 'contains':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    default: {
      if (a === null || b === null) return false;
      if (op === '<') return a < b;
      if (op === '<=') return a <= b;
      if (op === '>') return a > b;
      if (op === '>=') return a >= b;
      throw new ConditionError(`unknown operator ${op}`);
    }
  }
}

/**
 * `keyHint`: when every match must have one of `values` at `path` (a top-level `=` or `in`, alone
 * or and-ed), so the caller may look candidates up in an index instead of scanning.
 */
export interface CompiledConditions {
  readonly matches: Predicate;
  readonly keyHint: { readonly path: string; readonly values: readonly Value[] } | null;
}

/** `allowed` lists the field paths a resource accepts (e.g. 'status/id'); anything else is an error. */
export function compileConditions(text: string, allowed: ReadonlySet<string>): CompiledConditions {
  const tokens = tokenize(text);
  let pos = 0;
  const hints = new Map<Predicate, NonNullable<CompiledConditions['keyHint']>>();
  const peek = () => tokens[pos];
  const isWord = (word: string) => {
    const token = peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  };
  const expectPunct = (text: string) => {
    const token = tokens[pos++];
    if (token?.kind !== 'punct' || token.text !== text) throw new ConditionError(`expected ${text}`);
  };
  const value = (): Value => {
    const token = tokens[pos++];
    if (token?.kind !== 'value') throw new ConditionError('expected a value');
    return token.value;
  };

  function comparison(): Predicate {
    const field = tokens[pos++];
    if (field?.kind !== 'word') throw new ConditionError('expected a field');
    if (!allowed.has(field.text)) throw new ConditionError(`unknown field ${field.text}`);
    const path = field.text.split('/');
    const negated = isWord('not');
    if (negated) pos += 1;
    const opToken = tokens[pos++];
    const op =
      opToken?.kind === 'op' ? opToken.text : opToken?.kind === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'in') {
      expectPunct('(');
      const list: Value[] = [value()];
      while (peek()?.kind === 'punct' && (peek() as { text: string }).text === ',') {
        pos += 1;
        list.push(value());
      }
      expectPunct(')');
      const set = new Set(list.map(norm));
      const member = (v: Value) => set.has(norm(v));
      const any = matcher(path, member);
      if (!negated) hints.set(any, { path: field.text, values: list });
      return negated ? (record) => !any(record) : any;
    }
    if (negated || !['=', '!=', '<', '<=', '>', '>=', 'like', 'contains'].includes(op)) {
      throw new ConditionError('expected an operator');
    }
    const right = value();
    if (op === '!=') {
      const equal = (v: Value) => compare('=', v, right);
      const anyEqual = matcher(path, equal);
      return (record) => !anyEqual(record);
    }
    const test = (v: Value) => compare(op, v, right);
    const predicate = matcher(path, test);
    if (op === '=') hints.set(predicate, { path: field.text, values: [right] });
    return predicate;
  }

  function term(): Predicate {
    if (isWord('not')) {
      pos += 1;
      const inner = term();
      return (record) => !inner(record);
    }
    const token = peek();
    if (token?.kind === 'punct' && token.text === '(') {
      pos += 1;
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    return comparison();
  }

  function andExpr(): Predicate {
    const parts = [term()];
    while (isWord('and')) {
      pos += 1;
      parts.push(term());
    }
    if (parts.length === 1) return parts[0] as Predicate;
    const all: Predicate = (record) => parts.every((part) => part(record));
    const hint = parts.map((part) => hints.get(part)).find((found) => found !== undefined);
    if (hint !== undefined) hints.set(all, hint);
    return all;
  }

  function orExpr(): Predicate {
    const parts = [andExpr()];
    while (isWord('or')) {
      pos += 1;
      parts.push(andExpr());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (record) => parts.some((part) => part(record));
  }

  if (tokens.length === 0) return { matches: () => true, keyHint: null };
  const predicate = orExpr();
  if (pos !== tokens.length) throw new ConditionError('unexpected text after the condition');
  return { matches: predicate, keyHint: hints.get(predicate) ?? null };
}
