import type { ContactRecord } from '../../../src/ports/storage.js';
import type { RunContactTable } from '../schema.js';
import {
  domainOwnerSchema,
  ineligibilitySchema,
  storedJson,
  stringList,
  userDecisionColumns,
  userDecisionOf,
} from './row-schemas.js';

/** A run's contact row as the repository writes and reads it: the record and its review order. */
export type Stored = ContactRecord & { readonly orderKey: string };

/** `|billing|primary|`: one LIKE finds a type among a contact's types on both dialects. */
export function typeKey(typeNames: readonly string[]): string {
  return `|${typeNames.map(typeWord).join('|')}|`;
}

/** A contact type as stored in `type_key` and as searched for: lower-case, without the separator. */
export const typeWord = (name: string): string => name.toLowerCase().replaceAll('|', ' ');

export function toRow(runId: string, record: Stored): RunContactTable {
  const { row } = record;
  const current = userDecisionColumns(record.decision);
  const fallback = userDecisionColumns(record.defaultDecision);
  return {
    run_id: runId,
    psa_contact_id: row.contact.psaId,
    company_psa_id: row.contact.companyPsaId,
    order_key: record.orderKey,
    first_name: row.contact.firstName,
    last_name: row.contact.lastName,
    emails: JSON.stringify(row.contact.emails),
    active: row.contact.active ? 1 : 0,
    type_names: JSON.stringify(row.contact.typeNames),
    type_key: typeKey(row.contact.typeNames),
    company_name: row.companyName,
    email: row.email,
    linked_user_id: row.linkedUser?.id ?? null,
    linked_user_email: row.linkedUser?.email ?? null,
    same_email_user_id: row.sameEmailUser?.id ?? null,
    same_email_user_email: row.sameEmailUser?.email ?? null,
    ineligible: row.ineligible === null ? null : JSON.stringify(row.ineligible),
    eligible: row.ineligible === null && row.email !== null ? 1 : 0,
    target_company_id: row.targetCompanyId ?? null,
    domain_owner: row.domainOwner ? JSON.stringify(row.domainOwner) : null,
    default_kind: fallback.kind,
    default_target: fallback.target,
    decision_kind: current.kind,
    decision_target: current.target,
  };
}

const user = (id: string | null, email: string | null) => (id === null ? null : { id, email: email ?? '' });

const contactRecord = (row: RunContactTable): string =>
  `import ${row.run_id}, PSA contact ${row.psa_contact_id}`;

export function fromRow(row: RunContactTable): Stored {
  return {
    orderKey: row.order_key,
    row: {
      contact: {
        psaId: Number(row.psa_contact_id),
        companyPsaId: Number(row.company_psa_id),
        firstName: row.first_name,
        lastName: row.last_name,
        emails: storedJson(stringList, row.emails, contactRecord(row), 'emails'),
        active: Number(row.active) === 1,
        typeNames: storedJson(stringList, row.type_names, contactRecord(row), 'type_names'),
      },
      companyName: row.company_name,
      email: row.email,
      linkedUser: user(row.linked_user_id, row.linked_user_email),
      sameEmailUser: user(row.same_email_user_id, row.same_email_user_email),
      ineligible:
        row.ineligible === null
          ? null
          : storedJson(ineligibilitySchema, row.ineligible, contactRecord(row), 'ineligible'),
      targetCompanyId: row.target_company_id,
      // Absent rather than null, as the assessment leaves it.
      ...(row.domain_owner === null
        ? {}
        : {
            domainOwner: storedJson(domainOwnerSchema, row.domain_owner, contactRecord(row), 'domain_owner'),
          }),
    },
    defaultDecision: userDecisionOf(row.default_kind, row.default_target),
    decision: userDecisionOf(row.decision_kind, row.decision_target),
  };
}
