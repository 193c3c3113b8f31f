import { describe, expect, it } from 'vitest';
import {
  checkDuplicateCreates,
  findImportTwins,
  findNameConflicts,
  importTwinNotes,
} from '../../../src/domain/import-duplicates.js';
import { company } from '../../fakes/fake-psa-gateway.js';
import { managedCompany } from './domain-builders.js';

describe('duplicates within one import', () => {
  const fetched = [
    company(7, 'Gamma Co'),
    company(3, 'Delta'),
    company(412, 'Gamma Co.'),
    company(9, 'GAMMA CO'),
  ];

  it('groups PSA companies with the same normalised name, with every PSA id', () => {
    expect(findImportTwins(fetched)).toEqual([
      {
        key: 'gamma',
        companies: [
          { psaId: 7, name: 'Gamma Co' },
          { psaId: 9, name: 'GAMMA CO' },
          { psaId: 412, name: 'Gamma Co.' },
        ],
      },
    ]);
  });

  it('tells each row about its twins by PSA id', () => {
    const notes = importTwinNotes(findImportTwins(fetched));
    expect(notes.get(412)).toBe(
      'same name as PSA company 7 "Gamma Co", PSA company 9 "GAMMA CO" in this import',
    );
    expect(notes.has(3)).toBe(false);
  });
});

describe('checkDuplicateCreates', () => {
  const planned = [
    { psaCompanyId: 7, name: 'Gamma Co', decision: { kind: 'create' as const } },
    { psaCompanyId: 412, name: 'Gamma Co.', decision: { kind: 'create' as const } },
    { psaCompanyId: 3, name: 'Delta', decision: { kind: 'create' as const } },
  ];

  it('needs an explicit decision on each of two creates with the same name', () => {
    const conflicts = checkDuplicateCreates(planned, new Set([7]));
    expect(conflicts).toEqual([
      {
        psaCompanyIds: [7, 412],
        names: ['Gamma Co', 'Gamma Co.'],
        message:
          '"Gamma Co" (PSA company 7) and "Gamma Co." (PSA company 412) would become managed companies with the same name; decide each of them',
      },
    ]);
    expect(checkDuplicateCreates(planned, new Set([7, 412]))).toEqual([]);
  });

  it('lets one create and one map through', () => {
    const mapped = planned.map((entry) =>
      entry.psaCompanyId === 412 ? { ...entry, decision: { kind: 'map' as const, companyId: 'm1' } } : entry,
    );
    expect(checkDuplicateCreates(mapped, new Set())).toEqual([]);
  });
});

describe('findNameConflicts (manual and CSV adds)', () => {
  it('refuses a normalised duplicate of an existing company or an earlier row, naming it', () => {
    const existing = [managedCompany('m1', 'Gamma Co.')];
    const conflicts = findNameConflicts(['Gamma Co', 'Epsilon', 'EPSILON LLC', 'Gamma (OLD)'], existing);
    expect(conflicts[0]).toMatchObject({ existingName: 'Gamma Co.', companyId: 'm1', row: null });
    expect(conflicts[0]?.message).toBe(
      '"Gamma Co" has the same name as the existing company "Gamma Co." (same name as "Gamma Co." ignoring punctuation)',
    );
    expect(conflicts[1]).toBeNull();
    expect(conflicts[2]).toMatchObject({ existingName: 'Epsilon', companyId: null, row: 2 });
    // A similar name is for the admin to judge, not refused.
    expect(conflicts[3]).toBeNull();
  });
});
