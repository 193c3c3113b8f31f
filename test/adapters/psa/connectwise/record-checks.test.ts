/**
 * The hand-written record checks give the zod schemas' verdicts: the same records fit, and a
 * record that does not fit is named by the same first field.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { companyCheck, contactCheck } from '../../../../adapters/psa/connectwise/record-checks.js';
import { companySchema, contactSchema } from '../../../../adapters/psa/connectwise/schemas.js';
import { type RecordCheck, validateRecords } from '../../../../adapters/psa/shared/record-validation.js';
import type { SkippedRecord } from '../../../../src/ports/psa-gateway.js';

const INT32_MAX = 2_147_483_647;

const goodCompany = {
  id: 7,
  identifier: 'acme',
  name: 'Acme',
  status: { id: 1, name: 'Active' },
  types: [{ id: 1, name: 'Client' }],
  deletedFlag: false,
  _info: { lastUpdated: '2025-01-01T00:00:00Z' },
  website: 'www.acme.example',
  phoneNumber: 'extra fields are ignored',
};
const goodContact = {
  id: 9,
  firstName: 'Jane',
  lastName: 'Smith',
  company: { id: 7, identifier: 'acme', name: 'Acme' },
  inactiveFlag: false,
  communicationItems: [{ value: 'jane@acme.example', defaultFlag: true, communicationType: 'Email' }],
  types: [],
};

/** Each field replaced by values of every kind the JSON of a PSA can hold. */
const ODD_VALUES: readonly unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  INT32_MAX,
  INT32_MAX + 1,
  -2_147_483_649,
  '',
  'text',
  true,
  [],
  [null],
  [{}],
  [{ id: 'x' }],
  [{ id: 1, name: 2 }],
  {},
  { id: null, name: null },
  { id: 1.5 },
  { lastUpdated: 3 },
  { value: 1 },
];

function variants(good: Record<string, unknown>): unknown[] {
  const all: unknown[] = [good, null, 'a string', [good], {}];
  for (const field of Object.keys(good)) {
    for (const value of ODD_VALUES) all.push({ ...good, [field]: value });
    const { [field]: _left, ...without } = good;
    all.push(without);
  }
  const items = good.communicationItems;
  if (Array.isArray(items)) {
    for (const value of ODD_VALUES) all.push({ ...good, communicationItems: [{ ...items[0], value }] });
    for (const value of ODD_VALUES)
      all.push({ ...good, communicationItems: [{ ...items[0], defaultFlag: value }] });
  }
  return all;
}

function zodVerdict(schema: z.ZodType, record: unknown): string | null {
  const result = schema.safeParse(record);
  if (result.success) return null;
  const field = result.error.issues[0]?.path.find((part) => typeof part === 'string');
  return typeof field === 'string' ? field : '';
}

function checkVerdict(check: RecordCheck<unknown>, record: unknown): string | null {
  return check.fits(record) ? null : check.misfit(record);
}

describe('ConnectWise record checks', () => {
  it.each([
    ['company', companySchema, companyCheck, goodCompany],
    ['contact', contactSchema, contactCheck, goodContact],
  ] as const)('%s: the same verdicts as the zod schema', (_name, schema, check, good) => {
    const records = variants(good);
    const verdicts = records.map((record) => checkVerdict(check, record));
    expect(verdicts).toEqual(records.map((record) => zodVerdict(schema, record)));
    // Both kinds are exercised: records that fit and records that do not.
    expect(verdicts).toContain(null);
    expect(verdicts.filter((verdict) => verdict !== null).length).toBeGreaterThan(20);
  });

  it('keeps a fitting record as it is, without a copy, and names the misfit it skips', () => {
    const skipped: SkippedRecord[] = [];
    const bad = { ...goodContact, id: 42, company: { id: 'seven' } };
    const valid = validateRecords([goodContact, bad], contactCheck, 'contact', {
      skip: (record) => skipped.push(record),
    });
    expect(valid).toHaveLength(1);
    expect(valid[0]).toBe(goodContact);
    expect(skipped).toEqual([{ entity: 'contact', psaId: 42, reason: 'unexpected data in company' }]);
  });
});
