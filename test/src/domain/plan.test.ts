import { describe, expect, it } from 'vitest';
import type { DecisionOverrides } from '../../../src/domain/decisions.js';
import { checkLicences } from '../../../src/domain/licence-check.js';
import { buildPlan } from '../../../src/domain/plan.js';
import { assess, review, scenarioOverrides } from './import-scenario.js';

describe('buildPlan', () => {
  const plan = buildPlan(review, assess(scenarioOverrides), scenarioOverrides);

  it('plans every company that is not left out, with its target', () => {
    expect(plan.companies).toEqual([
      { psaCompanyId: 2, name: 'Beta', decision: { kind: 'create' }, targetCompanyId: null },
      {
        psaCompanyId: 4,
        name: 'Delta',
        decision: { kind: 'map', companyId: 'm-delta' },
        targetCompanyId: 'm-delta',
      },
      { psaCompanyId: 1, name: 'Alpha', decision: { kind: 'keep' }, targetCompanyId: 'm-alpha' },
    ]);
  });

  it('plans every eligible contact that is not left out', () => {
    expect(plan.users.map((user) => [user.psaContactId, user.decision.kind, user.linkedUserId])).toEqual([
      [205, 'grant', null],
      [402, 'unmap-create', 'u-frank'],
      [403, 'map', null],
      [101, 'grant', 'u-alice'],
      [102, 'map', null],
      [108, 'grant', null],
      [109, 'grant', null],
    ]);
    expect(plan.users[0]).toEqual({
      psaContactId: 205,
      companyPsaId: 2,
      email: 'hank@x.test',
      displayName: 'First205 Last205',
      decision: { kind: 'grant' },
      linkedUserId: null,
    });
  });

  it('counts each decision once', () => {
    expect(plan.counts).toEqual({
      companiesCreate: 1,
      companiesMap: 1,
      companiesUnmap: 0,
      companiesKeep: 1,
      companiesSkip: 1,
      usersGrant: 4,
      usersKeep: 1,
      usersMap: 2,
      usersSkip: 1,
      usersIneligible: 8,
    });
  });

  it('counts unmap-create companies apart from new ones, and plans the old company as target', () => {
    const unmap = buildPlan(review, null, { companies: { '1': { kind: 'unmap-create' } }, users: {} });
    expect(unmap.companies.find((company) => company.psaCompanyId === 1)).toEqual({
      psaCompanyId: 1,
      name: 'Alpha',
      decision: { kind: 'unmap-create' },
      targetCompanyId: 'm-alpha',
    });
    expect(unmap.counts).toMatchObject({
      companiesCreate: 2,
      companiesUnmap: 1,
      companiesKeep: 0,
      companiesSkip: 1,
    });
    expect(unmap.users).toEqual([]);
  });

  it('ignores contact rows of a company left out since they were assessed', () => {
    const rows = assess(scenarioOverrides);
    const withoutBeta: DecisionOverrides = {
      ...scenarioOverrides,
      companies: { ...scenarioOverrides.companies, '2': { kind: 'skip' } },
    };
    const smaller = buildPlan(review, rows, withoutBeta);
    expect(smaller.users.some((user) => user.companyPsaId === 2)).toBe(false);
    expect(smaller.counts.usersGrant).toBe(3);
    expect(smaller.counts.usersIneligible).toBe(4);
  });
});

describe('checkLicences', () => {
  const plan = buildPlan(review, assess(scenarioOverrides), scenarioOverrides);

  it('needs one licence per new user', () => {
    expect(checkLicences(plan, { total: 10, used: 6 })).toEqual({ needed: 4, free: 4, enough: true });
    expect(checkLicences(plan, { total: 10, used: 7 })).toEqual({ needed: 4, free: 3, enough: false });
  });

  it('never counts negative free licences', () => {
    expect(checkLicences(plan, { total: 5, used: 9 })).toEqual({ needed: 4, free: 0, enough: false });
  });
});
