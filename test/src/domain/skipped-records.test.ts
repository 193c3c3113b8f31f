import { describe, expect, it } from 'vitest';
import {
  companiesSkipped,
  NO_SKIPPED,
  type SkippedRecord,
  withContactsSkipped,
} from '../../../src/domain/skipped-records.js';

const record = (entity: SkippedRecord['entity'], psaId: number): SkippedRecord => ({
  entity,
  psaId,
  reason: 'unexpected data in status',
});

describe('the skipped PSA records of a run', () => {
  it('keep the count and the first five of the company fetch', () => {
    const first = [1, 2, 3, 4, 5, 6].map((id) => record('company', id));
    expect(companiesSkipped(6, first)).toEqual({ companies: 6, contacts: 0, first: first.slice(0, 5) });
    expect(companiesSkipped(0, [])).toEqual(NO_SKIPPED);
  });

  it('replace the previous contact fetch’s contacts and keep the companies’', () => {
    const companies = companiesSkipped(2, [record('company', 1), record('company', 2)]);
    const once = withContactsSkipped(
      companies,
      3,
      [10, 11, 12].map((id) => record('contact', id)),
    );
    expect(once.first.map((r) => r.psaId)).toEqual([1, 2, 10, 11, 12]);
    const again = withContactsSkipped(once, 1, [record('contact', 20)]);
    expect(again).toEqual({ companies: 2, contacts: 1, first: [...companies.first, record('contact', 20)] });
  });
});
