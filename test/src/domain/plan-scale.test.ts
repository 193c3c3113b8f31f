import { describe, expect, it } from 'vitest';
import { computeWrites, type DirectoryState } from '../../../src/domain/apply-writes.js';
import { assessContacts } from '../../../src/domain/contact-assessment.js';
import { NO_OVERRIDES } from '../../../src/domain/decisions.js';
import { diffCompanies } from '../../../src/domain/diff.js';
import type { ContactLink } from '../../../src/domain/mapping.js';
import { buildPlan } from '../../../src/domain/plan.js';
import { contact, company as psaCompany } from '../../fakes/fake-psa-gateway.js';
import { companyLink, contactLink, managedCompany, managedUser, nextIds } from './domain-builders.js';

/**
 * A large MSP end to end through the pure rules: it must simply complete (speed is the bench's
 * job). Half the companies were imported before, with one linked user each; a tenth of the rest
 * are name variants of other managed companies.
 */
describe('planning at scale', () => {
  it('plans 5,000 companies and 50,000 contacts', () => {
    const COMPANIES = 5_000;
    const CONTACTS_PER_COMPANY = 10;
    const fetched = Array.from({ length: COMPANIES }, (_, i) =>
      psaCompany(i + 1, i % 10 === 9 ? `Client ${i - 1} Inc.` : `Client ${i}`),
    );
    const imported = fetched.filter((company) => company.psaId % 2 === 0);
    const companies = imported.map((company) => managedCompany(`m-${company.psaId}`, company.name));
    const links = imported.map((company) => companyLink(company.psaId, `m-${company.psaId}`));
    const contacts = fetched.flatMap((company) =>
      Array.from({ length: CONTACTS_PER_COMPANY }, (_, j) =>
        contact(company.psaId * 100 + j, company.psaId, `c${company.psaId}-${j}@example.test`),
      ),
    );
    const users = imported.map((company) =>
      managedUser(`u-${company.psaId}`, `m-${company.psaId}`, `c${company.psaId}-0@example.test`),
    );
    const contactLinks: ContactLink[] = imported.map((company) =>
      contactLink(company.psaId * 100, `u-${company.psaId}`),
    );

    const review = diffCompanies({ fetched, links, companies, missingCauses: new Map() });
    const rows = assessContacts({
      contacts,
      review,
      overrides: NO_OVERRIDES,
      companies,
      users,
      contactLinks,
    });
    const plan = buildPlan(review, rows, NO_OVERRIDES);
    const state: DirectoryState = {
      companies: new Map(companies.map((company) => [company.id, company])),
      companyLinks: new Map(links.map((link) => [link.psaCompanyId, link])),
      contactLinks: new Map(contactLinks.map((link) => [link.psaContactId, link])),
      usersById: new Map(users.map((user) => [user.id, user])),
      usersByEmail: new Map(users.map((user) => [user.email.toLowerCase(), user])),
    };
    const { result } = computeWrites(plan, state, nextIds(), '2024-06-01T00:00:00.000Z');

    const duplicates = review.inPsa.filter((row) => row.status === 'potential-duplicate').length;
    expect(review.inPsa).toHaveLength(COMPANIES);
    expect(duplicates).toBeGreaterThan(0);
    expect(rows).toHaveLength(COMPANIES * CONTACTS_PER_COMPANY);
    expect(plan.counts.companiesKeep).toBe(imported.length);
    expect(plan.counts.companiesCreate + plan.counts.companiesMap).toBe(COMPANIES - imported.length);
    expect(plan.counts.usersKeep).toBe(imported.length);
    expect(result.usersKept).toBe(imported.length);
    expect(result.companiesCreated).toBe(plan.counts.companiesCreate);
  });
});
