import { describe, expect, it } from 'vitest';
import { diffCompanies } from '../../../src/domain/diff.js';
import type { MissingCause } from '../../../src/domain/psa-records.js';
import { company as psaCompany } from '../../fakes/fake-psa-gateway.js';
import { companyLink, managedCompany } from './domain-builders.js';

const NO_CAUSES: ReadonlyMap<number, MissingCause> = new Map();

describe('diffCompanies', () => {
  const companies = [
    managedCompany('m-acme', 'ACME, Inc.'),
    managedCompany('m-beta', 'Beta Ltd'),
    managedCompany('m-gamma', 'Gamma'),
    managedCompany('m-old', 'Old Client'),
    managedCompany('m-gone', 'Gone Client'),
    managedCompany('m-filtered', 'Filtered Client'),
  ];
  const links = [
    companyLink(2, 'm-beta', '2024-02-02T00:00:00.000Z'),
    companyLink(3, 'm-gamma'),
    companyLink(90, 'm-old', '2023-05-05T00:00:00.000Z'),
    companyLink(91, 'm-gone'),
    companyLink(92, 'm-filtered'),
    companyLink(93, 'm-vanished'),
    companyLink(7, 'm-vanished'),
  ];
  const fetched = [
    psaCompany(3, 'gamma'),
    psaCompany(2, 'Beta', { active: false }),
    psaCompany(1, 'Acme'),
    psaCompany(5, 'zeta'),
    psaCompany(4, 'Delta'),
    psaCompany(7, 'Eta'),
    psaCompany(6, 'Delta'),
  ];
  const review = diffCompanies({
    fetched,
    links,
    companies,
    missingCauses: new Map<number, MissingCause>([
      [91, 'deleted'],
      [92, 'filtered-out'],
    ]),
  });

  it('lists every fetched company, unmapped first, then by name and PSA id', () => {
    expect(review.inPsa.map((row) => [row.company.psaId, row.status])).toEqual([
      [1, 'potential-duplicate'],
      [4, 'unmapped'],
      [6, 'unmapped'],
      [7, 'unmapped'],
      [5, 'unmapped'],
      [2, 'mapped'],
      [3, 'mapped'],
    ]);
  });

  it('links mapped rows to their company with the last import date and the PSA fields', () => {
    const beta = review.inPsa.find((row) => row.company.psaId === 2);
    expect(beta).toEqual({
      company: psaCompany(2, 'Beta', { active: false }),
      status: 'mapped',
      mappedTo: { id: 'm-beta', name: 'Beta Ltd' },
      candidates: [],
      lastImportedAt: '2024-02-02T00:00:00.000Z',
    });
  });

  it('flags a potential duplicate with its candidate and reason', () => {
    const acme = review.inPsa.find((row) => row.company.psaId === 1);
    expect(acme?.mappedTo).toBeNull();
    expect(acme?.lastImportedAt).toBeNull();
    expect(acme?.candidates).toEqual([
      {
        companyId: 'm-acme',
        companyName: 'ACME, Inc.',
        reason: 'same as "ACME, Inc." after removing "Inc.", ignoring case',
        strength: 'same',
      },
    ]);
  });

  it('treats a link to a company that no longer exists as unmapped', () => {
    const eta = review.inPsa.find((row) => row.company.psaId === 7);
    expect(eta).toMatchObject({ status: 'unmapped', mappedTo: null, candidates: [] });
  });

  it('lists links that did not come back, with the cause and reason, skipping vanished companies', () => {
    expect(review.notInPsa).toEqual([
      {
        psaCompanyId: 92,
        managedCompanyId: 'm-filtered',
        managedCompanyName: 'Filtered Client',
        lastImportedAt: '2024-01-01T00:00:00.000Z',
        cause: 'filtered-out',
        reason: "not selected by this import's filter (e.g. inactive or another type)",
      },
      {
        psaCompanyId: 91,
        managedCompanyId: 'm-gone',
        managedCompanyName: 'Gone Client',
        lastImportedAt: '2024-01-01T00:00:00.000Z',
        cause: 'deleted',
        reason: 'deleted in the PSA (recycle bin)',
      },
      {
        psaCompanyId: 90,
        managedCompanyId: 'm-old',
        managedCompanyName: 'Old Client',
        lastImportedAt: '2023-05-05T00:00:00.000Z',
        cause: 'not-found',
        reason: 'not found in the PSA (deleted or merged)',
      },
    ]);
  });

  it('lists two PSA companies with the same name separately, each a duplicate of the same company', () => {
    const twins = diffCompanies({
      fetched: [psaCompany(11, 'Twin Co'), psaCompany(10, 'Twin Co')],
      links: [],
      companies: [managedCompany('m-twin', 'Twin')],
      missingCauses: NO_CAUSES,
    });
    expect(twins.inPsa.map((row) => [row.company.psaId, row.status, row.candidates.length])).toEqual([
      [10, 'potential-duplicate', 1],
      [11, 'potential-duplicate', 1],
    ]);
  });

  it('still offers a company linked to another PSA company, and says so', () => {
    const result = diffCompanies({
      fetched: [psaCompany(1, 'Acme'), psaCompany(2, 'Acme Inc')],
      links: [companyLink(1, 'm-acme')],
      companies: [managedCompany('m-acme', 'Acme')],
      missingCauses: NO_CAUSES,
    });
    expect(result.inPsa.map((row) => row.status)).toEqual(['potential-duplicate', 'mapped']);
    expect(result.inPsa[0]?.candidates).toEqual([
      {
        companyId: 'm-acme',
        companyName: 'Acme',
        reason: 'same as "Acme" after removing "Inc"; already imported from PSA company 1',
        strength: 'same',
      },
    ]);
  });

  it('sorts names ignoring case and accents', () => {
    const result = diffCompanies({
      fetched: [
        psaCompany(1, 'zulu'),
        psaCompany(2, 'Émile'),
        psaCompany(3, 'alpha'),
        psaCompany(4, 'Bravo'),
      ],
      links: [],
      companies: [],
      missingCauses: NO_CAUSES,
    });
    expect(result.inPsa.map((row) => row.company.name)).toEqual(['alpha', 'Bravo', 'Émile', 'zulu']);
  });
});
