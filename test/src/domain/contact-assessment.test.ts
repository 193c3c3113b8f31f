import { describe, expect, it } from 'vitest';
import { assessContacts } from '../../../src/domain/contact-assessment.js';
import { NO_OVERRIDES } from '../../../src/domain/decisions.js';
import { diffCompanies } from '../../../src/domain/diff.js';
import { contact, company as psaCompany } from '../../fakes/fake-psa-gateway.js';
import { managedCompany, managedUser } from './domain-builders.js';
import { assess, rowOf } from './import-scenario.js';

describe('assessContacts', () => {
  const rows = assess();

  it('keeps only contacts of companies the import keeps, company by company as reviewed', () => {
    // Review order: Beta, Delta, Gamma (left out), then the mapped Alpha.
    expect(rows.map((row) => row.contact.psaId)).toEqual([
      201, 202, 203, 204, 205, 402, 403, 101, 102, 103, 104, 105, 106, 107, 108, 109,
    ]);
    expect(rowOf(rows, 205).companyName).toBe('Beta');
  });

  it('takes the first plausible email, trimmed', () => {
    expect(rowOf(rows, 101).email).toBe('Alice@Alpha.test');
    expect(rowOf(rows, 104).email).toBe('eve@x.test');
    expect(rowOf(rows, 103).email).toBeNull();
  });

  it('finds the linked user and a same-email user of the target company', () => {
    expect(rowOf(rows, 101)).toMatchObject({
      linkedUser: { id: 'u-alice', email: 'alice@alpha.test' },
      sameEmailUser: { id: 'u-alice', email: 'alice@alpha.test' },
      ineligible: null,
      targetCompanyId: 'm-alpha',
    });
    expect(rowOf(rows, 102)).toMatchObject({ linkedUser: null, sameEmailUser: { id: 'u-bob' } });
    expect(rowOf(rows, 403)).toMatchObject({ sameEmailUser: { id: 'u-dan' }, targetCompanyId: 'm-delta' });
    expect(rowOf(rows, 205)).toMatchObject({ linkedUser: null, sameEmailUser: null, targetCompanyId: null });
    // A link to a user that no longer exists links nothing.
    expect(rowOf(rows, 109).linkedUser).toBeNull();
  });

  it('marks ineligible contacts in order: no email, inactive, email taken, email repeated', () => {
    expect(rowOf(rows, 103).ineligible).toEqual({ code: 'no-email' });
    expect(rowOf(rows, 105).ineligible).toEqual({ code: 'no-email' });
    expect(rowOf(rows, 104).ineligible).toEqual({ code: 'inactive' });
    expect(rowOf(rows, 203).ineligible).toEqual({ code: 'inactive' });
    expect(rowOf(rows, 201).ineligible).toEqual({ code: 'email-taken', companyName: 'Other Co' });
    // The new company Beta has no users, so an existing user anywhere else takes the email.
    expect(rowOf(rows, 204).ineligible).toEqual({ code: 'email-taken', companyName: 'Delta Managed' });
    expect(rowOf(rows, 403).ineligible).toBeNull();
  });

  it('lets the first contact claim an email shared across companies (by company id, then contact id)', () => {
    expect(rowOf(rows, 106).ineligible).toBeNull();
    expect(rowOf(rows, 202).ineligible).toEqual({
      code: 'email-repeated',
      otherContactName: 'First106 Last106',
      otherCompanyName: 'Alpha',
    });
  });

  it('lets a contact imported before win a shared email over an earlier new one', () => {
    expect(rowOf(rows, 402).ineligible).toBeNull();
    expect(rowOf(rows, 107).ineligible).toEqual({
      code: 'email-repeated',
      otherContactName: 'First402 Last402',
      otherCompanyName: 'Delta',
    });
  });

  it('follows the company decisions: without the override, Delta is created and dan is taken', () => {
    const plain = assess(NO_OVERRIDES);
    expect(rowOf(plain, 403).ineligible).toEqual({ code: 'email-taken', companyName: 'Delta Managed' });
    expect(rowOf(plain, 403).targetCompanyId).toBeNull();
    expect(rowOf(plain, 402).linkedUser).toEqual({ id: 'u-frank', email: 'frank.old@delta.test' });
  });

  it('does not let an ineligible contact claim an email', () => {
    const review = diffCompanies({
      fetched: [psaCompany(1, 'One')],
      links: [],
      companies: [managedCompany('m', 'Elsewhere')],
      missingCauses: new Map(),
    });
    const result = assessContacts({
      contacts: [contact(1, 1, 'a@x.test', { active: false }), contact(2, 1, 'A@x.test')],
      review,
      overrides: NO_OVERRIDES,
      companies: [managedCompany('m', 'Elsewhere')],
      users: [managedUser('u', 'm', 'other@x.test')],
      contactLinks: [],
    });
    expect(result.map((row) => row.ineligible?.code ?? null)).toEqual(['inactive', null]);
  });
});
