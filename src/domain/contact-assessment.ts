import { effectiveCompanyDecision } from './company-decisions.js';
import type { DomainIndex } from './company-domains.js';
import { contactDisplayName, emailKey, primaryEmail } from './contact-identity.js';
import type { DecisionOverrides, Ineligibility } from './decisions.js';
import type { ManagedCompany, ManagedUser } from './directory.js';
import { type DomainOwnerNote, domainOwnerNote } from './domain-owner-note.js';
import type { ContactLink } from './mapping.js';
import type { ContactRow } from './plan-model.js';
import type { PsaContact } from './psa-records.js';
import type { Review } from './review.js';
import { compareKeys, sortKey } from './text-order.js';

export {
  allowedUserDecisions,
  checkUserDecision,
  defaultUserDecision,
  effectiveUserDecision,
} from './user-decisions.js';

export interface AssessContactsInput {
  readonly contacts: readonly PsaContact[];
  readonly review: Review;
  readonly overrides: DecisionOverrides;
  readonly companies: readonly ManagedCompany[];
  readonly users: readonly ManagedUser[];
  readonly contactLinks: readonly ContactLink[];
  readonly domainIndex?: DomainIndex;
}

/** The company a contact lands in: the PSA company and the managed company it maps to, if any. */
export interface ContactTarget {
  readonly psaCompanyId: number;
  readonly name: string;
  /** Position in the review, so contacts list company by company as the admin saw them. */
  readonly order: number;
  readonly companyId: string | null;
}

type Target = ContactTarget;

interface Draft {
  readonly contact: PsaContact;
  readonly target: Target;
  readonly email: string | null;
  readonly linkedUser: ManagedUser | null;
  readonly sameEmailUser: ManagedUser | null;
  readonly domainOwner: DomainOwnerNote | null;
  ineligible: Ineligibility | null;
}

export interface AssessorInput {
  readonly companies: readonly ManagedCompany[];
  readonly users: readonly ManagedUser[];
  readonly contactLinks: readonly ContactLink[];
  /** Known domains of the managed companies, for the other-company domain note; none without. */
  readonly domainIndex?: DomainIndex;
}

/**
 * The directory indexed once, so each page of contacts is assessed as it arrives. Repeated emails
 * across the import are for the caller (`repeatedEmailIneligibility`, `claimsBefore`).
 */
export function contactAssessor(
  input: AssessorInput,
): (contact: PsaContact, target: ContactTarget) => ContactRow {
  const toDraft = drafter(input);
  return (contact, target) => toRow(toDraft(contact, target));
}

function drafter(input: AssessorInput): (contact: PsaContact, target: Target) => Draft {
  const companyNames = new Map(input.companies.map((company) => [company.id, company.name]));
  const usersById = new Map(input.users.map((user) => [user.id, user]));
  const usersByEmail = new Map(input.users.map((user) => [emailKey(user.email), user]));
  const links = new Map(input.contactLinks.map((link) => [link.psaContactId, link]));
  return (contact, target) => {
    const email = primaryEmail(contact.emails);
    const link = links.get(contact.psaId);
    const linkedUser = (link && usersById.get(link.managedUserId)) ?? null;
    const owner = (email !== null && usersByEmail.get(emailKey(email))) || null;
    const sameEmailUser = owner !== null && owner.companyId === target.companyId ? owner : null;
    let ineligible: Ineligibility | null = null;
    if (email === null) ineligible = { code: 'no-email' };
    else if (!contact.active) ineligible = { code: 'inactive' };
    else if (owner !== null && owner.companyId !== target.companyId) {
      ineligible = { code: 'email-taken', companyName: companyNames.get(owner.companyId) ?? owner.companyId };
    }
    // An email already taken by another company's user says more than its domain does.
    const domainOwner =
      input.domainIndex === undefined || ineligible?.code === 'email-taken'
        ? null
        : domainOwnerNote(email, target.companyId, input.domainIndex, companyNames);
    return { contact, target, email, linkedUser, sameEmailUser, domainOwner, ineligible };
  };
}

/** What decides which of the contacts sharing an email may claim it. */
export interface EmailClaim {
  readonly psaContactId: number;
  readonly psaCompanyId: number;
  readonly linked: boolean;
  readonly contactName: string;
  readonly companyName: string;
}

/**
 * One email can become one user only. The first eligible contact claims it: contacts imported
 * before first, then by PSA company id and contact id, so the winner does not depend on names.
 */
export function claimsBefore(a: EmailClaim, b: EmailClaim): boolean {
  return (
    (Number(b.linked) - Number(a.linked) ||
      a.psaCompanyId - b.psaCompanyId ||
      a.psaContactId - b.psaContactId) < 0
  );
}

export function emailClaim(row: ContactRow): EmailClaim {
  return {
    psaContactId: row.contact.psaId,
    psaCompanyId: row.contact.companyPsaId,
    linked: row.linkedUser !== null,
    contactName: contactDisplayName(row.contact),
    companyName: row.companyName,
  };
}

export function repeatedEmailIneligibility(winner: EmailClaim): Ineligibility {
  return {
    code: 'email-repeated',
    otherContactName: winner.contactName,
    otherCompanyName: winner.companyName,
  };
}

/** The users-review order of a contact: its company's review order, then its name. */
export function contactOrderKey(companyOrderKey: string, row: ContactRow): string {
  return `${companyOrderKey}\u0001${String(row.contact.companyPsaId).padStart(20, '0')}\u0001${sortKey(contactDisplayName(row.contact))}`;
}

/**
 * The contacts of every company the import keeps, with what the user decisions need: the email, the
 * user the map links the contact to, a same-email user of the target company, and the red X.
 */
export function assessContacts(input: AssessContactsInput): ContactRow[] {
  const targets = companyTargets(input.review, input.overrides);
  const toDraft = drafter(input);
  const drafts: Draft[] = [];
  for (const contact of input.contacts) {
    const target = targets.get(contact.companyPsaId);
    if (target === undefined) continue;
    drafts.push(toDraft(contact, target));
  }

  markRepeatedEmails(drafts);

  return drafts
    .map((draft) => ({ draft, name: sortKey(contactDisplayName(draft.contact)) }))
    .sort(
      (a, b) =>
        a.draft.target.order - b.draft.target.order ||
        compareKeys(a.name, b.name) ||
        a.draft.contact.psaId - b.draft.contact.psaId,
    )
    .map(({ draft }) => toRow(draft));
}

function companyTargets(review: Review, overrides: DecisionOverrides): Map<number, Target> {
  const targets = new Map<number, Target>();
  review.inPsa.forEach((row, order) => {
    const decision = effectiveCompanyDecision(row, overrides);
    if (decision.kind === 'skip') return;
    const companyId =
      decision.kind === 'map'
        ? decision.companyId
        : decision.kind === 'keep'
          ? (row.mappedTo?.id ?? null)
          : null;
    targets.set(row.company.psaId, {
      psaCompanyId: row.company.psaId,
      name: row.company.name,
      order,
      companyId,
    });
  });
  return targets;
}

/**
 * One email can become one user only. The first eligible contact claims it: contacts imported
 * before first, then by PSA company id and contact id, so the winner does not depend on names.
 */
function markRepeatedEmails(drafts: readonly Draft[]): void {
  const claimants = drafts
    .filter((draft) => draft.ineligible === null)
    .sort(
      (a, b) =>
        Number(b.linkedUser !== null) - Number(a.linkedUser !== null) ||
        a.target.psaCompanyId - b.target.psaCompanyId ||
        a.contact.psaId - b.contact.psaId,
    );
  const claims = new Map<string, Draft>();
  for (const draft of claimants) {
    if (draft.email === null) continue;
    const key = emailKey(draft.email);
    const first = claims.get(key);
    if (first === undefined) {
      claims.set(key, draft);
    } else {
      draft.ineligible = {
        code: 'email-repeated',
        otherContactName: contactDisplayName(first.contact),
        otherCompanyName: first.target.name,
      };
    }
  }
}

function toRow(draft: Draft): ContactRow {
  return {
    contact: draft.contact,
    companyName: draft.target.name,
    email: draft.email,
    linkedUser: draft.linkedUser && { id: draft.linkedUser.id, email: draft.linkedUser.email },
    sameEmailUser: draft.sameEmailUser && { id: draft.sameEmailUser.id, email: draft.sameEmailUser.email },
    ineligible: draft.ineligible,
    targetCompanyId: draft.target.companyId,
    // Absent rather than null, so rows without a note read as before the note existed.
    ...(draft.domainOwner === null ? {} : { domainOwner: draft.domainOwner }),
  };
}
