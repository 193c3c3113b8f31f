import { describe, expect, it } from 'vitest';
import {
  ConditionError,
  compileConditions,
} from '../../../../../adapters/psa/sandbox/connectwise/condition-engine.js';

const FIELDS = new Set(['id', 'name', 'deletedFlag', 'status/id', 'types/id', 'types/name']);
const rows = [
  { id: 1, name: 'Acme, Inc.', deletedFlag: false, status: { id: 1 }, types: [{ id: 1, name: 'Client' }] },
  { id: 2, name: 'Ben & Jerry\'s "Scoops"', deletedFlag: true, status: { id: 2 }, types: [] },
  { id: 3, name: 'A+ Computers', deletedFlag: false, status: { id: 2 }, types: [{ id: 1 }, { id: 4 }] },
  { id: 4, name: 'back\\slash', deletedFlag: false, status: null, types: [{ id: 4 }] },
];
const ids = (text: string, fields = FIELDS) =>
  rows.filter(compileConditions(text, fields).matches).map((r) => r.id);

describe('compileConditions', () => {
  it.each([
    ['', [1, 2, 3, 4]],
    ['id = 3', [3]],
    ['id != 3', [1, 2, 4]],
    ['id >= 2 and id < 4', [2, 3]],
    ['deletedFlag = false', [1, 3, 4]],
    ['DELETEDFLAG = FALSE', 'error'],
    ['deletedFlag = FALSE', [1, 3, 4]],
    ['name = "acme, inc."', [1]],
    ['name = "Ben & Jerry\'s \\"Scoops\\""', [2]],
    ['name = "back\\\\slash"', [4]],
    ['name like "a%"', [1, 3]],
    ['name contains "+"', [3]],
    ['status/id in (2, 3)', [2, 3]],
    ['status/id not in (2)', [1, 4]],
    ['id = 1 or id = 2 and deletedFlag = false', [1]],
    ['(id = 1 or id = 2) and deletedFlag = true', [2]],
    ['not (id = 1)', [2, 3, 4]],
    ['types/id = 4', [3, 4]],
    ['types/id != 4', [1, 2]],
    ['types/id in (1)', [1, 3]],
  ])('%s', (text, expected) => {
    if (expected === 'error') expect(() => ids(text)).toThrow(ConditionError);
    else expect(ids(text)).toEqual(expected);
  });

  it.each([
    'id =',
    'id = 1 and',
    'name = "unterminated',
    'id in (1,2',
    'id ~ 3',
    'secret = 1',
    'id = 1 id = 2',
    'id = 1; drop table',
  ])('rejects %j', (text) => {
    expect(() => compileConditions(text, FIELDS)).toThrow(ConditionError);
  });

  it('gives a key hint for an indexable top-level clause only', () => {
    expect(compileConditions('deletedFlag = false and status/id in (1,2)', FIELDS).keyHint).toEqual({
      path: 'deletedFlag',
      values: [false],
    });
    expect(compileConditions('(status/id in (1,2)) and id > 3', FIELDS).keyHint).toEqual({
      path: 'status/id',
      values: [1, 2],
    });
    expect(compileConditions('id = 1 or id = 2', FIELDS).keyHint).toBeNull();
    expect(compileConditions('id != 1', FIELDS).keyHint).toBeNull();
    expect(compileConditions('status/id not in (1)', FIELDS).keyHint).toBeNull();
  });
});
