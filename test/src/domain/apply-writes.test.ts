import { describe, expect, it } from 'vitest';
import { computeWrites, type DirectoryState } from '../../../src/domain/apply-writes.js';
import type { ManagedCompany, ManagedUser } from '../../../src/domain/directory.js';
import type { CompanyLink, ContactLink } from '../../../src/domain/mapping.js';
import { buildPlan } from '../../../src/domain/plan.js';
import type { Plan, PlannedCompany, PlannedUser, Write } from '../../../src/domain/plan-model.js';
import { companyLink, managedCompany, managedUser, nextIds, T0 } from './domain-builders.js';
import * as scenario from './import-scenario.js';

const NOW = '2024-06-01T12:00:00.000Z';

function stateOf(parts: {
  companies: readonly ManagedCompany[];
  companyLinks: readonly CompanyLink[];
  users: readonly ManagedUser[];
  contactLinks: readonly ContactLink[];
}): DirectoryState {
  return {
    companies: new Map(parts.companies.map((company) => [company.id, company])),
    companyLinks: new Map(parts.companyLinks.map((link) => [link.psaCompanyId, link])),
    contactLinks: new Map(parts.contactLinks.map((link) => [link.psaContactId, link])),
    usersById: new Map(parts.users.map((user) => [user.id, user])),
    usersByEmail: new Map(parts.users.map((user) => [user.email.toLowerCase(), user])),
  };
}

/** What the storage adapter does with the writes, in memory. */
function afterWrites(state: DirectoryState, writes: readonly Write[]): DirectoryState {
  const companies = new Map(state.companies);
  const companyLinks = new Map(state.companyLinks);
  const contactLinks = new Map(state.contactLinks);
  const usersById = new Map(state.usersById);
  const usersByEmail = new Map(state.usersByEmail);
  for (const write of writes) {
    switch (write.kind) {
      case 'create-company':
        companies.set(write.companyId, { id: write.companyId, name: write.name, createdAt: NOW });
        break;
      case 'link-company':
        companyLinks.set(write.psaCompanyId, companyLink(write.psaCompanyId, write.companyId, NOW));
        break;
      case 'create-user': {
        const user = managedUser(write.userId, write.companyId, write.email, write.displayName);
        usersById.set(user.id, user);
        usersByEmail.set(user.email.toLowerCase(), user);
        break;
      }
      case 'link-contact':
        contactLinks.set(write.psaContactId, {
          psaContactId: write.psaContactId,
          managedUserId: write.userId,
          lastImportedAt: NOW,
        });
        break;
    }
  }
  return { companies, companyLinks, contactLinks, usersById, usersByEmail };
}

function planOf(companies: readonly PlannedCompany[], users: readonly PlannedUser[] = []): Plan {
  const counts = buildPlan({ inPsa: [], notInPsa: [] }, null, { companies: {}, users: {} }).counts;
  return { companies, users, counts };
}

function plannedUser(
  psaContactId: number,
  companyPsaId: number,
  email: string,
  extra: Partial<PlannedUser> = {},
) {
  return {
    psaContactId,
    companyPsaId,
    email,
    displayName: `Contact ${psaContactId}`,
    decision: { kind: 'grant' },
    linkedUserId: null,
    ...extra,
  } satisfies PlannedUser;
}

const scenarioState = stateOf({
  companies: scenario.companies,
  companyLinks: [companyLink(1, 'm-alpha')],
  users: scenario.users,
  contactLinks: scenario.contactLinks,
});
const scenarioPlan = buildPlan(
  scenario.review,
  scenario.assess(scenario.scenarioOverrides),
  scenario.scenarioOverrides,
);

describe('computeWrites', () => {
  it('writes exactly what the plan needs, the first time', () => {
    const { writes, result } = computeWrites(scenarioPlan, scenarioState, nextIds(), NOW);
    expect(writes).toEqual([
      { kind: 'create-company', companyId: 'id-000001', name: 'Beta' },
      { kind: 'link-company', psaCompanyId: 2, companyId: 'id-000001' },
      { kind: 'link-company', psaCompanyId: 4, companyId: 'm-delta' },
      {
        kind: 'create-user',
        userId: 'id-000002',
        companyId: 'id-000001',
        email: 'hank@x.test',
        displayName: 'First205 Last205',
      },
      { kind: 'link-contact', psaContactId: 205, userId: 'id-000002' },
      {
        kind: 'create-user',
        userId: 'id-000003',
        companyId: 'm-delta',
        email: 'frank@x.test',
        displayName: 'First402 Last402',
      },
      { kind: 'link-contact', psaContactId: 402, userId: 'id-000003' },
      { kind: 'link-contact', psaContactId: 403, userId: 'u-dan' },
      { kind: 'link-contact', psaContactId: 102, userId: 'u-bob' },
      {
        kind: 'create-user',
        userId: 'id-000004',
        companyId: 'm-alpha',
        email: 'gina@x.test',
        displayName: 'First108 Last108',
      },
      { kind: 'link-contact', psaContactId: 108, userId: 'id-000004' },
      {
        kind: 'create-user',
        userId: 'id-000005',
        companyId: 'm-alpha',
        email: 'kim@x.test',
        displayName: 'First109 Last109',
      },
      { kind: 'link-contact', psaContactId: 109, userId: 'id-000005' },
    ]);
    expect(result).toEqual({
      companiesCreated: 1,
      companiesMapped: 1,
      companiesUnmapped: 0,
      companiesKept: 1,
      usersImported: 4,
      usersMapped: 2,
      usersKept: 1,
      errors: [],
    });
  });

  it('writes nothing when the same plan is applied again', () => {
    const first = computeWrites(scenarioPlan, scenarioState, nextIds(), NOW);
    const again = computeWrites(
      scenarioPlan,
      afterWrites(scenarioState, first.writes),
      nextIds('again'),
      NOW,
    );
    expect(again.writes).toEqual([]);
    expect(again.result).toEqual({
      companiesCreated: 0,
      companiesMapped: 0,
      companiesUnmapped: 0,
      companiesKept: 3,
      usersImported: 0,
      usersMapped: 0,
      usersKept: 7,
      errors: [],
    });
  });

  it('reports a company mapped to a company that vanished, and leaves its users out', () => {
    const state = stateOf({
      companies: scenario.companies.filter((company) => company.id !== 'm-delta'),
      companyLinks: [companyLink(1, 'm-alpha')],
      users: scenario.users.filter((user) => user.companyId !== 'm-delta'),
      contactLinks: scenario.contactLinks,
    });
    const { writes, result } = computeWrites(scenarioPlan, state, nextIds(), NOW);
    expect(result.errors).toEqual([
      { subject: 'Delta', message: 'the managed company chosen for it no longer exists; it was left out' },
    ]);
    expect(
      writes.some((write) => write.kind === 'link-contact' && [402, 403].includes(write.psaContactId)),
    ).toBe(false);
    expect(result).toMatchObject({
      companiesMapped: 0,
      companiesCreated: 1,
      usersImported: 3,
      usersMapped: 1,
    });
  });

  it('reports a kept company whose managed company vanished', () => {
    const plan = planOf(
      [{ psaCompanyId: 1, name: 'Alpha', decision: { kind: 'keep' }, targetCompanyId: 'm-alpha' }],
      [plannedUser(1, 1, 'a@x.test')],
    );
    const state = stateOf({
      companies: [],
      companyLinks: [companyLink(1, 'm-alpha')],
      users: [],
      contactLinks: [],
    });
    const { writes, result } = computeWrites(plan, state, nextIds(), NOW);
    expect(writes).toEqual([]);
    expect(result.errors).toEqual([
      {
        subject: 'Alpha',
        message: 'the managed company it was imported into no longer exists; it was left out',
      },
    ]);
  });

  it('reports an email that became another company’s since the plan, and links one of the same company', () => {
    const state = stateOf({
      companies: scenario.companies,
      companyLinks: [companyLink(1, 'm-alpha')],
      users: [
        ...scenario.users,
        managedUser('u-hank', 'm-other', 'HANK@x.test'),
        managedUser('u-gina', 'm-alpha', 'gina@x.test'),
      ],
      contactLinks: scenario.contactLinks,
    });
    const { writes, result } = computeWrites(scenarioPlan, state, nextIds(), NOW);
    expect(result.errors).toEqual([
      { subject: 'First205 Last205', message: 'email now belongs to a user of "Other Co"' },
    ]);
    expect(writes).toContainEqual({ kind: 'link-contact', psaContactId: 108, userId: 'u-gina' });
    expect(writes.filter((write) => write.kind === 'create-user').map((write) => write.email)).toEqual([
      'frank@x.test',
      'kim@x.test',
    ]);
    expect(result).toMatchObject({ usersImported: 2, usersMapped: 3 });
  });

  it('never creates two users with one email in the same apply', () => {
    const plan = planOf(
      [{ psaCompanyId: 1, name: 'New', decision: { kind: 'create' }, targetCompanyId: null }],
      [plannedUser(1, 1, 'same@x.test'), plannedUser(2, 1, 'SAME@x.test')],
    );
    const state = stateOf({ companies: [], companyLinks: [], users: [], contactLinks: [] });
    const { writes, result } = computeWrites(plan, state, nextIds(), NOW);
    expect(writes.filter((write) => write.kind === 'create-user')).toHaveLength(1);
    expect(result.errors).toEqual([
      { subject: 'Contact 2', message: 'another contact in this import already got a user with this email' },
    ]);
  });

  it('unmaps and creates a company once', () => {
    const plan = planOf([
      { psaCompanyId: 1, name: 'Alpha', decision: { kind: 'unmap-create' }, targetCompanyId: 'm-alpha' },
    ]);
    const state = stateOf({
      companies: [managedCompany('m-alpha', 'Alpha')],
      companyLinks: [companyLink(1, 'm-alpha')],
      users: [],
      contactLinks: [],
    });
    const first = computeWrites(plan, state, nextIds(), NOW);
    expect(first.writes).toEqual([
      { kind: 'create-company', companyId: 'id-000001', name: 'Alpha' },
      { kind: 'link-company', psaCompanyId: 1, companyId: 'id-000001' },
    ]);
    expect(first.result).toMatchObject({ companiesUnmapped: 1, companiesCreated: 0 });
    const again = computeWrites(plan, afterWrites(state, first.writes), nextIds(), NOW);
    expect(again.writes).toEqual([]);
    expect(again.result).toMatchObject({ companiesUnmapped: 0, companiesKept: 1 });
  });

  it('creates again a company whose link points to a company that vanished', () => {
    const plan = planOf([
      { psaCompanyId: 1, name: 'Alpha', decision: { kind: 'create' }, targetCompanyId: null },
    ]);
    const state = stateOf({
      companies: [],
      companyLinks: [companyLink(1, 'm-gone')],
      users: [],
      contactLinks: [],
    });
    expect(computeWrites(plan, state, nextIds(), NOW).writes).toEqual([
      { kind: 'create-company', companyId: 'id-000001', name: 'Alpha' },
      { kind: 'link-company', psaCompanyId: 1, companyId: 'id-000001' },
    ]);
  });

  it('reports a user mapped to a user that vanished or moved to another company', () => {
    const plan = planOf(
      [{ psaCompanyId: 1, name: 'Alpha', decision: { kind: 'keep' }, targetCompanyId: 'm-alpha' }],
      [
        plannedUser(1, 1, 'a@x.test', { decision: { kind: 'map', userId: 'u-gone' } }),
        plannedUser(2, 1, 'b@x.test', { decision: { kind: 'map', userId: 'u-moved' } }),
      ],
    );
    const state = stateOf({
      companies: [managedCompany('m-alpha', 'Alpha'), managedCompany('m-other', 'Other')],
      companyLinks: [companyLink(1, 'm-alpha', T0)],
      users: [managedUser('u-moved', 'm-other', 'b@x.test')],
      contactLinks: [],
    });
    const { writes, result } = computeWrites(plan, state, nextIds(), NOW);
    expect(writes).toEqual([]);
    expect(result.errors).toEqual([
      { subject: 'Contact 1', message: 'the managed user chosen for it no longer exists' },
      { subject: 'Contact 2', message: 'the managed user chosen for it now belongs to another company' },
    ]);
  });
});
