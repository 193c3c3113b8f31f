import { assessContacts } from '../../../src/domain/contact-assessment.js';
import type { DecisionOverrides } from '../../../src/domain/decisions.js';
import { diffCompanies } from '../../../src/domain/diff.js';
import type { ContactRow } from '../../../src/domain/plan-model.js';
import type { Review } from '../../../src/domain/review.js';
import { contact, company as psaCompany } from '../../fakes/fake-psa-gateway.js';
import { companyLink, contactLink, managedCompany, managedUser } from './domain-builders.js';

/**
 * One import with every hard case of the contact step, shared by the assessment, plan and apply
 * tests. PSA companies: 1 Alpha (mapped, kept), 2 Beta (new), 3 Gamma (two candidates, so left
 * out by default), 4 Delta (new, mapped by override to "Delta Managed").
 */
export const companies = [
  managedCompany('m-alpha', 'Alpha'),
  managedCompany('m-other', 'Other Co'),
  managedCompany('m-delta', 'Delta Managed'),
  managedCompany('m-gamma-1', 'Gamma Inc'),
  managedCompany('m-gamma-2', 'GAMMA Ltd'),
];

export const users = [
  managedUser('u-alice', 'm-alpha', 'alice@alpha.test'),
  managedUser('u-bob', 'm-alpha', 'Bob@Alpha.test'),
  managedUser('u-carol', 'm-other', 'carol@other.test'),
  managedUser('u-dan', 'm-delta', 'dan@delta.test'),
  managedUser('u-frank', 'm-delta', 'frank.old@delta.test'),
];

export const contactLinks = [
  contactLink(101, 'u-alice'),
  contactLink(402, 'u-frank'),
  contactLink(109, 'u-gone'),
];

export const fetchedCompanies = [
  psaCompany(1, 'Alpha'),
  psaCompany(2, 'Beta'),
  psaCompany(3, 'Gamma'),
  psaCompany(4, 'Delta'),
];

export const contacts = [
  // Alpha (kept, m-alpha)
  contact(101, 1, ' Alice@Alpha.test '),
  contact(102, 1, 'bob@alpha.test'),
  contact(103, 1, null),
  contact(104, 1, null, { emails: ['not-an-email', 'eve@x.test'], active: false }),
  contact(105, 1, null, { active: false }),
  contact(106, 1, 'shared@x.test'),
  contact(107, 1, 'frank@x.test'),
  contact(108, 1, 'gina@x.test'),
  // Linked before, but its user was deleted since: a new contact again.
  contact(109, 1, 'kim@x.test'),
  // Beta (created)
  contact(201, 2, 'carol@other.test'),
  contact(202, 2, 'SHARED@x.test'),
  contact(203, 2, 'carol@other.test', { active: false }),
  contact(204, 2, 'dan@delta.test'),
  contact(205, 2, 'hank@x.test'),
  // Gamma (left out) and a company that is not in the review at all
  contact(301, 3, 'ivy@x.test'),
  contact(999, 99, 'jack@x.test'),
  // Delta (mapped to m-delta by override)
  contact(402, 4, 'frank@x.test'),
  contact(403, 4, 'dan@delta.test'),
];

export const companyOverrides: DecisionOverrides = {
  companies: { '4': { kind: 'map', companyId: 'm-delta' } },
  users: {},
};

/** The company override plus user overrides that exercise every user decision. */
export const scenarioOverrides: DecisionOverrides = {
  companies: companyOverrides.companies,
  users: {
    '108': { kind: 'grant' },
    '109': { kind: 'grant' },
    '205': { kind: 'grant' },
    '402': { kind: 'unmap-create' },
    // Refused: ineligible contacts stay out whatever the override says.
    '103': { kind: 'grant' },
  },
};

export const review: Review = diffCompanies({
  fetched: fetchedCompanies,
  links: [companyLink(1, 'm-alpha')],
  companies,
  missingCauses: new Map(),
});

export function assess(overrides: DecisionOverrides = companyOverrides): ContactRow[] {
  return assessContacts({ contacts, review, overrides, companies, users, contactLinks });
}

export function rowOf(rows: readonly ContactRow[], psaContactId: number): ContactRow {
  const row = rows.find((candidate) => candidate.contact.psaId === psaContactId);
  if (row === undefined) throw new Error(`no row for contact ${psaContactId}`);
  return row;
}
