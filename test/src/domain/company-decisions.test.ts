import { describe, expect, it } from 'vitest';
import {
  allowedCompanyDecisions,
  checkCompanyDecision,
  defaultCompanyDecision,
  effectiveCompanyDecision,
  preselectedCandidate,
} from '../../../src/domain/company-decisions.js';
import { type CompanyDecision, NO_OVERRIDES } from '../../../src/domain/decisions.js';
import type { ReviewRow } from '../../../src/domain/review.js';
import { company as psaCompany } from '../../fakes/fake-psa-gateway.js';

const mapped: ReviewRow = {
  company: psaCompany(1, 'Mapped'),
  status: 'mapped',
  mappedTo: { id: 'm1', name: 'Mapped' },
  candidates: [],
  lastImportedAt: '2024-01-01T00:00:00.000Z',
};
const unmapped: ReviewRow = { ...mapped, company: psaCompany(2, 'New'), status: 'unmapped', mappedTo: null };
const single: ReviewRow = {
  ...unmapped,
  company: psaCompany(3, 'Acme'),
  status: 'potential-duplicate',
  candidates: [{ companyId: 'c1', companyName: 'Acme Inc', reason: 'r', strength: 'same' }],
};
const similarOnly: ReviewRow = {
  ...single,
  company: psaCompany(5, 'Acme (OLD)'),
  candidates: [{ companyId: 'c1', companyName: 'Acme Inc', reason: 'r', strength: 'similar' }],
};
const sameAndSimilar: ReviewRow = {
  ...single,
  company: psaCompany(6, 'Acme'),
  candidates: [
    { companyId: 'c1', companyName: 'Acme Inc', reason: 'r1', strength: 'same' },
    { companyId: 'c3', companyName: 'Acme (OLD)', reason: 'r3', strength: 'similar' },
  ],
};
const ambiguous: ReviewRow = {
  ...single,
  company: psaCompany(4, 'Acme'),
  candidates: [
    { companyId: 'c1', companyName: 'Acme Inc', reason: 'r1', strength: 'same' },
    { companyId: 'c2', companyName: 'ACME Ltd', reason: 'r2', strength: 'same' },
  ],
};

const overridesFor = (psaId: number, decision: CompanyDecision) => ({
  companies: { [String(psaId)]: decision },
  users: {},
});

describe('company decisions', () => {
  it.each([
    ['mapped', mapped, { kind: 'keep' }, ['keep', 'map', 'unmap-create', 'skip']],
    ['unmapped', unmapped, { kind: 'create' }, ['create', 'map', 'skip']],
    ['a single-candidate duplicate', single, { kind: 'map', companyId: 'c1' }, ['map', 'create', 'skip']],
    ['an ambiguous duplicate (none pre-selected)', ambiguous, { kind: 'skip' }, ['map', 'create', 'skip']],
    ['a similar name (never pre-selected)', similarOnly, { kind: 'skip' }, ['map', 'create', 'skip']],
    [
      'a same and a similar name (none pre-selected)',
      sameAndSimilar,
      { kind: 'skip' },
      ['map', 'create', 'skip'],
    ],
  ])('%s: default and allowed', (_label, row, expectedDefault, expectedAllowed) => {
    expect(defaultCompanyDecision(row)).toEqual(expectedDefault);
    expect(allowedCompanyDecisions(row)).toEqual(expectedAllowed);
  });

  it('pre-selects only a single same-name candidate', () => {
    expect(preselectedCandidate(single)?.companyId).toBe('c1');
    expect(preselectedCandidate(similarOnly)).toBeNull();
    expect(preselectedCandidate(sameAndSimilar)).toBeNull();
    expect(preselectedCandidate(ambiguous)).toBeNull();
    expect(preselectedCandidate(mapped)).toBeNull();
  });

  it('accepts allowed decisions and explains refused ones', () => {
    expect(checkCompanyDecision(mapped, { kind: 'unmap-create' })).toBeNull();
    expect(checkCompanyDecision(mapped, { kind: 'map', companyId: 'other' })).toBeNull();
    expect(checkCompanyDecision(ambiguous, { kind: 'map', companyId: 'c2' })).toBeNull();
    expect(checkCompanyDecision(unmapped, { kind: 'skip' })).toBeNull();
    expect(checkCompanyDecision(mapped, { kind: 'create' })).toBe(
      'a mapped company cannot be created again; unmap and create instead',
    );
    expect(checkCompanyDecision(unmapped, { kind: 'keep' })).toBe('only a mapped company can be kept');
    expect(checkCompanyDecision(single, { kind: 'unmap-create' })).toBe(
      'only a mapped company can be unmapped',
    );
    expect(checkCompanyDecision(unmapped, { kind: 'map', companyId: '' })).toBe(
      'choose the managed company to map to',
    );
    expect(checkCompanyDecision(mapped, { kind: 'map', companyId: 'm1' })).toMatch(/already mapped/);
  });

  it('uses an allowed override and falls back to the default otherwise', () => {
    expect(effectiveCompanyDecision(ambiguous, NO_OVERRIDES)).toEqual({ kind: 'skip' });
    expect(effectiveCompanyDecision(ambiguous, overridesFor(4, { kind: 'map', companyId: 'c2' }))).toEqual({
      kind: 'map',
      companyId: 'c2',
    });
    expect(effectiveCompanyDecision(mapped, overridesFor(1, { kind: 'create' }))).toEqual({ kind: 'keep' });
    // An override for another company does not leak.
    expect(effectiveCompanyDecision(unmapped, overridesFor(1, { kind: 'skip' }))).toEqual({ kind: 'create' });
  });
});
