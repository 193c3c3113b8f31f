import { describe, expect, it } from 'vitest';
import { and, eq, inList, literal, notEq, quote } from '../../../../adapters/psa/connectwise/conditions.js';

describe('ConnectWise conditions', () => {
  it('quotes strings, escaping backslashes and double quotes', () => {
    expect(quote('Ben & Jerry\'s "Scoops" \\ <b>')).toBe('"Ben & Jerry\'s \\"Scoops\\" \\\\ <b>"');
    expect(quote('" or 1=1 or name = "')).toBe('"\\" or 1=1 or name = \\""');
  });

  it('writes numbers and booleans bare, and refuses unsafe numbers', () => {
    expect(literal(42)).toBe('42');
    expect(literal(false)).toBe('false');
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(1.5)).toThrow(RangeError);
  });

  it('builds comparisons, in-lists and conjunctions', () => {
    expect(
      and(eq('deletedFlag', false), null, '', notEq('identifier', 'a"b'), inList('status/id', [1, 3])),
    ).toBe('deletedFlag = false and identifier != "a\\"b" and status/id in (1,3)');
    expect(inList('name', ['x', 'y"z'])).toBe('name in ("x","y\\"z")');
    expect(() => inList('id', [])).toThrow(RangeError);
    expect(and()).toBe('');
  });
});
