import { emailKey } from './contact-identity.js';
import type { ManagedCompany, ManagedUser } from './directory.js';
import type { CompanyLink, ContactLink } from './mapping.js';
import type { ApplyIssue, ApplyResult, Plan, PlannedCompany, PlannedUser, Write } from './plan-model.js';

/** The directory and the map as they are at apply time, inside the apply transaction. */
export interface DirectoryState {
  /** By id. */
  readonly companies: ReadonlyMap<string, ManagedCompany>;
  /** By PSA company id, for this integration. */
  readonly companyLinks: ReadonlyMap<number, CompanyLink>;
  /** By PSA contact id, for this integration. */
  readonly contactLinks: ReadonlyMap<number, ContactLink>;
  readonly usersById: ReadonlyMap<string, ManagedUser>;
  /** Key: lower-cased email. */
  readonly usersByEmail: ReadonlyMap<string, ManagedUser>;
}

type Counts = { -readonly [K in Exclude<keyof ApplyResult, 'errors' | 'usersGoneFromPsa'>]: number };

/** What one planned entry came to: a count to bump (and where a company's users land), or an issue. */
type Outcome =
  | { readonly counted: keyof Counts; readonly companyId?: string }
  | { readonly issue: string }
  | null;

/**
 * What an apply carries from one chunk to the next: the counts and issues so far, where each
 * applied PSA company's users land, and the emails it gave new users. The directory itself is
 * read again for every chunk.
 */
export interface ApplyTally {
  readonly counts: Counts;
  readonly errors: ApplyIssue[];
  /** Where each applied PSA company's users land; absent when the company could not be applied. */
  readonly targets: Map<number, string>;
  /** Emails of users created by this apply, so two contacts never create the same one. */
  readonly createdEmails: Set<string>;
}

export function newApplyTally(): ApplyTally {
  return {
    counts: {
      companiesCreated: 0,
      companiesMapped: 0,
      companiesUnmapped: 0,
      companiesKept: 0,
      usersImported: 0,
      usersMapped: 0,
      usersKept: 0,
    },
    errors: [],
    targets: new Map(),
    createdEmails: new Set(),
  };
}

export function tallyResult(tally: ApplyTally): ApplyResult {
  return { ...tally.counts, errors: [...tally.errors] };
}

interface Context {
  readonly state: DirectoryState;
  readonly newId: () => string;
  readonly writes: Write[];
  readonly tally: ApplyTally;
}

function count(tally: ApplyTally, subject: string, outcome: Outcome): void {
  if (outcome === null) return;
  if ('issue' in outcome) tally.errors.push({ subject, message: outcome.issue });
  else tally.counts[outcome.counted] += 1;
}

/**
 * The writes for some of a plan's companies, all of them before any user. `state` needs to hold
 * only what these companies touch: their links, the companies those name and the map targets.
 */
export function companyWrites(
  tally: ApplyTally,
  companies: readonly PlannedCompany[],
  state: DirectoryState,
  newId: () => string,
): Write[] {
  const context: Context = { state, newId, writes: [], tally };
  for (const company of companies) {
    const outcome = applyCompany(context, company);
    if (outcome !== null && 'counted' in outcome && outcome.companyId !== undefined) {
      tally.targets.set(company.psaCompanyId, outcome.companyId);
    }
    count(tally, company.name, outcome);
  }
  return context.writes;
}

/**
 * The writes for some of a plan's users, once every company went through `companyWrites`. `state`
 * needs their links, the users those and the map decisions name, the users holding their emails
 * and those users' companies.
 */
export function userWrites(
  tally: ApplyTally,
  users: readonly PlannedUser[],
  state: DirectoryState,
  newId: () => string,
): Write[] {
  const context: Context = { state, newId, writes: [], tally };
  for (const user of users) count(tally, user.displayName, applyUser(context, user));
  return context.writes;
}

/**
 * The writes that carry out a plan against the directory as it is now. Everything already in place
 * is left alone, so applying the same plan again writes nothing and never duplicates anything.
 * Times are stamped by the caller when it performs the writes.
 */
export function computeWrites(
  plan: Plan,
  state: DirectoryState,
  newId: () => string,
  _now: string,
): { writes: Write[]; result: ApplyResult } {
  const tally = newApplyTally();
  const writes = [
    ...companyWrites(tally, plan.companies, state, newId),
    ...userWrites(tally, plan.users, state, newId),
  ];
  return { writes, result: tallyResult(tally) };
}

function applyCompany(context: Context, planned: PlannedCompany): Outcome {
  const { state } = context;
  const link = state.companyLinks.get(planned.psaCompanyId);
  const current = link === undefined ? undefined : state.companies.get(link.managedCompanyId);
  const decision = planned.decision;
  switch (decision.kind) {
    case 'create':
      if (current !== undefined) return { counted: 'companiesKept', companyId: current.id };
      return { counted: 'companiesCreated', companyId: createCompany(context, planned) };
    case 'unmap-create':
      // The link no longer names the old company: this unmap already happened.
      if (current !== undefined && current.id !== planned.targetCompanyId) {
        return { counted: 'companiesKept', companyId: current.id };
      }
      return { counted: 'companiesUnmapped', companyId: createCompany(context, planned) };
    case 'map': {
      const company = state.companies.get(decision.companyId);
      if (company === undefined)
        return { issue: 'the managed company chosen for it no longer exists; it was left out' };
      if (current?.id === company.id) return { counted: 'companiesKept', companyId: company.id };
      context.writes.push({
        kind: 'link-company',
        psaCompanyId: planned.psaCompanyId,
        companyId: company.id,
      });
      return { counted: 'companiesMapped', companyId: company.id };
    }
    case 'keep':
      if (current === undefined) {
        return { issue: 'the managed company it was imported into no longer exists; it was left out' };
      }
      return { counted: 'companiesKept', companyId: current.id };
    case 'skip':
      return null;
  }
}

function createCompany(context: Context, planned: PlannedCompany): string {
  const companyId = context.newId();
  context.writes.push(
    { kind: 'create-company', companyId, name: planned.name },
    { kind: 'link-company', psaCompanyId: planned.psaCompanyId, companyId },
  );
  return companyId;
}

function applyUser(context: Context, planned: PlannedUser): Outcome {
  // A company that could not be applied has its issue already; its users go with it.
  const target = context.tally.targets.get(planned.companyPsaId);
  if (target === undefined) return null;
  const { state } = context;
  const link = state.contactLinks.get(planned.psaContactId);
  const current = link === undefined ? undefined : state.usersById.get(link.managedUserId);
  const decision = planned.decision;
  switch (decision.kind) {
    case 'grant':
      return current !== undefined ? { counted: 'usersKept' } : createOrAdoptUser(context, planned, target);
    case 'unmap-create':
      // The link no longer names the old user: this unmap already happened.
      if (current !== undefined && current.id !== planned.linkedUserId) return { counted: 'usersKept' };
      return createOrAdoptUser(context, planned, target);
    case 'map': {
      const user = state.usersById.get(decision.userId);
      if (user === undefined) return { issue: 'the managed user chosen for it no longer exists' };
      if (user.companyId !== target)
        return { issue: 'the managed user chosen for it now belongs to another company' };
      if (current?.id === user.id) return { counted: 'usersKept' };
      linkContact(context, planned, user.id);
      return { counted: 'usersMapped' };
    }
    case 'skip':
      return null;
  }
}

function createOrAdoptUser(context: Context, planned: PlannedUser, companyId: string): Outcome {
  const { state } = context;
  const key = emailKey(planned.email);
  if (context.tally.createdEmails.has(key)) {
    return { issue: 'another contact in this import already got a user with this email' };
  }
  const owner = state.usersByEmail.get(key);
  if (owner !== undefined) {
    // Someone added this person to the company since the plan was made: link instead of duplicating.
    if (owner.companyId === companyId) {
      linkContact(context, planned, owner.id);
      return { counted: 'usersMapped' };
    }
    const company = state.companies.get(owner.companyId);
    const where = company === undefined ? 'another managed company' : `"${company.name}"`;
    return { issue: `email now belongs to a user of ${where}` };
  }
  const userId = context.newId();
  context.writes.push({
    kind: 'create-user',
    userId,
    companyId,
    email: planned.email,
    displayName: planned.displayName,
  });
  linkContact(context, planned, userId);
  context.tally.createdEmails.add(key);
  return { counted: 'usersImported' };
}

function linkContact(context: Context, planned: PlannedUser, userId: string): void {
  context.writes.push({ kind: 'link-contact', psaContactId: planned.psaContactId, userId });
}
