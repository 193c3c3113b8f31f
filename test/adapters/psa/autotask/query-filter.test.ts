import { describe, expect, it } from 'vitest';
import { companyConditions, inAny, pageQuery } from '../../../../adapters/psa/autotask/query-filter.js';

describe('Autotask query filters', () => {
  it('turns the admin filter into conditions, every type and status when empty', () => {
    expect(companyConditions({ typeIds: ['1', '7'], statusIds: ['ignored'], activeOnly: true })).toEqual([
      { op: 'in', field: 'companyType', value: [1, 7] },
      { op: 'eq', field: 'isActive', value: true },
    ]);
    expect(companyConditions({ typeIds: [], statusIds: [], activeOnly: false })).toEqual([]);
  });

  it('refuses a type id that is not one of Autotask’s numbers', () => {
    expect(() => companyConditions({ typeIds: ['1 or 1=1'], statusIds: [], activeOnly: false })).toThrow(
      'invalid_input',
    );
  });

  it('splits long in-lists into or-ed groups of at most 500', () => {
    const ids = Array.from({ length: 1_201 }, (_, i) => i + 1);
    const filter = inAny('companyID', ids) as unknown as { op: string; items: { value: number[] }[] };
    expect(filter.op).toBe('or');
    expect(filter.items.map((i) => i.value.length)).toEqual([500, 500, 201]);
    expect(inAny('companyID', [1, 2])).toEqual({ op: 'in', field: 'companyID', value: [1, 2] });
  });

  it('puts the cursor first and asks for 500 records', () => {
    expect(pageQuery([], ['id'], 42)).toEqual({
      maxRecords: 500,
      includeFields: ['id'],
      filter: [{ op: 'gt', field: 'id', value: 42 }],
    });
  });
});
