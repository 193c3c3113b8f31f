import { describe, expect, it } from 'vitest';
import {
  encodeCompanyDecision as companyCode,
  decodeCompanyDecision as parseCompanyCode,
  decodeUserDecision as parseUserCode,
  encodeUserDecision as userCode,
} from '../../../../adapters/chat/shared/decision-codec.js';
import { parseCardAction } from '../../../../adapters/chat/teams/card-actions.js';
import { companyChanges, userChanges } from '../../../../adapters/chat/teams/row-changes.js';

const paging = { page: 0, pageSize: 8 };

function data(extra: Record<string, unknown>) {
  const parsed = parseCardAction({ action: { verb: 'review', data: { runId: 'run-1', ...extra } } });
  if (parsed === null) throw new Error('rejected');
  return parsed.data;
}

describe('row decisions from card inputs', () => {
  it('sends only the rows whose input differs from what the card showed', () => {
    const changes = companyChanges(
      'run-1',
      data({
        rows: { '1': 'create', '2': 'create', '3': 'map:mc-9' },
        'company-1': 'create',
        'company-2': 'skip',
        'company-3': 'map:mc-9',
      }),
      paging,
    );
    expect(changes).toEqual([
      {
        kind: 'decide-companies',
        runId: 'run-1',
        decisions: [{ psaCompanyId: 2, decision: { kind: 'skip' } }],
        paging,
      },
    ]);
  });

  it('sends the changes of one Save as one batch intent, whatever the number of rows', () => {
    const companies = companyChanges(
      'run-1',
      data({
        rows: { '1': 'create', '2': 'create', '3': 'create' },
        'company-1': 'skip',
        'company-3': 'skip',
      }),
      paging,
    );
    expect(companies).toEqual([
      {
        kind: 'decide-companies',
        runId: 'run-1',
        decisions: [
          { psaCompanyId: 1, decision: { kind: 'skip' } },
          { psaCompanyId: 3, decision: { kind: 'skip' } },
        ],
        paging,
      },
    ]);
    const users = userChanges(
      'run-1',
      data({ rows: { '10': 'skip', '11': 'skip' }, 'user-10': 'grant', 'user-11': 'grant' }),
      paging,
    );
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      kind: 'decide-users',
      decisions: [{ psaContactId: 10 }, { psaContactId: 11 }],
    });
  });

  it('takes a company found with Find from the list; the search text itself decides nothing', () => {
    const changes = companyChanges(
      'run-1',
      data({ rows: { '4': 'create' }, 'company-4': 'map:mc-7', 'find-4': 'mc-8' }),
      paging,
    );
    expect(changes).toEqual([
      {
        kind: 'decide-companies',
        runId: 'run-1',
        decisions: [{ psaCompanyId: 4, decision: { kind: 'map', companyId: 'mc-7' } }],
        paging,
      },
    ]);
    expect(companyChanges('run-1', data({ rows: { '4': 'create' }, 'find-4': 'mc-8' }), paging)).toEqual([]);
  });

  it('ignores values no card offers and rows not on the card', () => {
    const forged = data({ rows: { '5': 'create' }, 'company-5': 'delete-everything', 'company-6': 'skip' });
    expect(companyChanges('run-1', forged, paging)).toEqual([]);
    expect(companyChanges('run-1', data({ rows: { '5': 'create' }, 'find-5': 'a,b' }), paging)).toEqual([]);
  });

  it('does the same for contacts', () => {
    const changes = userChanges(
      'run-1',
      data({ rows: { '10': 'skip', '11': 'skip' }, 'user-10': 'grant', 'user-11': 'skip' }),
      paging,
    );
    expect(changes).toEqual([
      {
        kind: 'decide-users',
        runId: 'run-1',
        decisions: [{ psaContactId: 10, decision: { kind: 'grant' } }],
        paging,
      },
    ]);
  });

  it('refuses malformed card data', () => {
    expect(parseCardAction({ action: { verb: 'approve', data: { runId: '../etc' } } })).toBeNull();
    expect(parseCardAction({ action: { verb: 'drop-tables', data: { runId: 'r' } } })).toBeNull();
    expect(
      parseCardAction({ action: { verb: 'review', data: { runId: 'r', rows: { abc: 'x' } } } }),
    ).toBeNull();
  });
});

describe('decision codes', () => {
  it('round-trip every decision', () => {
    for (const decision of [
      { kind: 'create' },
      { kind: 'keep' },
      { kind: 'skip' },
      { kind: 'unmap-create' },
      { kind: 'map', companyId: 'mc-1' },
    ] as const) {
      expect(parseCompanyCode(companyCode(decision))).toEqual(decision);
    }
    for (const decision of [
      { kind: 'grant' },
      { kind: 'skip' },
      { kind: 'unmap-create' },
      { kind: 'map', userId: 'u-1' },
    ] as const) {
      expect(parseUserCode(userCode(decision))).toEqual(decision);
    }
    expect(parseUserCode('keep')).toBeNull();
    expect(parseCompanyCode('map:')).toBeNull();
  });
});
