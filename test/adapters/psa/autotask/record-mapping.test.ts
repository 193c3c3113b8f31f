import { describe, expect, it } from 'vitest';
import { typeChoices, typeLabelsFrom } from '../../../../adapters/psa/autotask/company-types.js';
import {
  contactEmails,
  toPsaCompany,
  utcTimestamp,
} from '../../../../adapters/psa/autotask/record-mapping.js';

describe('utcTimestamp', () => {
  it.each([
    ['2024-03-01T10:22:33.123', '2024-03-01T10:22:33.123Z'],
    ['2024-03-01T10:22:33Z', '2024-03-01T10:22:33.000Z'],
    ['2024-03-01T10:22:33+02:00', '2024-03-01T08:22:33.000Z'],
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    ['not a date', null],
    ['', null],
    [null, null],
  ])('reads %s as %s (no zone designator means UTC)', (input, expected) => {
    expect(utcTimestamp(input)).toBe(expected);
  });
});

describe('contact emails', () => {
  const base = { id: 1, companyID: 2, isActive: 1 as const };

  it('takes emailAddress, then emailAddress2, then emailAddress3, skipping blanks and repeats', () => {
    expect(
      contactEmails({
        ...base,
        emailAddress: ' a@x.example ',
        emailAddress2: 'A@X.example',
        emailAddress3: 'c@x.example',
      }),
    ).toEqual(['a@x.example', 'c@x.example']);
    expect(
      contactEmails({ ...base, emailAddress: '  ', emailAddress2: 'b@x.example', emailAddress3: null }),
    ).toEqual(['b@x.example']);
    expect(contactEmails(base)).toEqual([]);
  });
});

describe('company types', () => {
  it('uses active picklist labels and falls back to the built-in ones', () => {
    const labels = typeLabelsFrom({
      fields: [
        {
          name: 'companyType',
          picklistValues: [
            { value: '1', label: 'Client', isActive: true },
            { value: '3', label: 'Old', isActive: false },
          ],
        },
      ],
    });
    expect(typeChoices(labels)).toEqual([{ id: '1', name: 'Client', isDefault: true }]);
    expect(toPsaCompany({ id: 5, companyName: ' Acme ', companyType: 3, isActive: false }, labels)).toEqual({
      psaId: 5,
      name: 'Acme',
      nameCut: false,
      typeNames: ['Prospect'],
      statusName: null,
      active: false,
      updatedAt: null,
    });
    expect(typeChoices(typeLabelsFrom(null)).map((c) => c.name)).toEqual([
      'Customer',
      'Lead',
      'Prospect',
      'Dead',
      'Cancelation',
      'Vendor',
      'Partner',
    ]);
  });
});
