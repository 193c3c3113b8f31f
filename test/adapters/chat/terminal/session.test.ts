import { describe, expect, it } from 'vitest';
import { TerminalSession } from '../../../../adapters/chat/terminal/session.js';
import type { ImportBot } from '../../../../src/app/bot-api.js';
import type { Intent } from '../../../../src/app/intents.js';
import type { ContactRowView, ReviewRowView, View } from '../../../../src/app/views.js';
import type { Actor } from '../../../../src/domain/chat-identity.js';
import type { PlanCounts } from '../../../../src/domain/plan-model.js';
import { Secret } from '../../../../src/domain/secret.js';

const run = {
  runId: 'r1',
  provider: 'connectwise',
  status: 'reviewing-companies',
  requesterName: 'Alice',
  version: 1,
} as const;
const counts: PlanCounts = {
  companiesCreate: 0,
  companiesMap: 0,
  companiesUnmap: 0,
  companiesKeep: 0,
  companiesSkip: 0,
  usersGrant: 0,
  usersKeep: 0,
  usersMap: 0,
  usersSkip: 0,
  usersIneligible: 0,
};
const rows: ReviewRowView[] = [21, 22, 23].map((psaCompanyId) => ({
  psaCompanyId,
  name: `Co ${psaCompanyId}`,
  status: psaCompanyId === 22 ? 'potential-duplicate' : 'unmapped',
  typeNames: [],
  statusName: null,
  active: true,
  lastImportedAt: null,
  mappedTo: null,
  candidates:
    psaCompanyId === 22
      ? [
          { companyId: 'mc-a', companyName: 'A', reason: 'r', strength: 'same' },
          { companyId: 'mc-b', companyName: 'B', reason: 'r', strength: 'same' },
        ]
      : [],
  decision: { kind: 'create' },
  targetName: null,
  allowed: ['create', 'map', 'skip'],
  group: psaCompanyId === 22 ? 'decide' : 'create',
  leftOutLastTime: false,
}));
const contacts: ContactRowView[] = [301, 302, 303].map((psaContactId) => ({
  psaContactId,
  psaCompanyId: 21,
  name: `Person ${psaContactId}`,
  email: `p${psaContactId}@x.example`,
  active: true,
  typeNames: [],
  decision: { kind: 'skip' },
  ineligibleReason: null,
  previouslyImported: false,
  sameEmailUser: psaContactId === 303 ? { id: 'u-9', email: 'p303@x.example' } : null,
  allowed: ['grant', 'skip'],
}));
const paging = (page: number) => ({ page, pageSize: 2, totalItems: 3, totalPages: 2 });

function viewFor(intent: Intent): View {
  switch (intent.kind) {
    case 'import':
    case 'review':
    case 'decide-companies': {
      const page = 'paging' in intent ? intent.paging.page : 0;
      return {
        kind: 'review',
        skipped: { companies: 0, contacts: 0, first: [] },
        run,
        totals: { mapped: 0, unmapped: 2, duplicates: 1 },
        rows: rows.slice(page * 2, page * 2 + 2),
        paging: paging(page),
        notInPsa: [],
        counts,
        bulk: [],
        filter: { label: 'Client; Active; active only', isDefault: true },
      };
    }
    case 'users':
    case 'decide-users':
      return {
        kind: 'users',
        skipped: { companies: 0, contacts: 0, first: [] },
        run: { ...run, status: 'reviewing-users' },
        company:
          intent.kind === 'users' && intent.psaCompanyId === null
            ? null
            : { psaCompanyId: 21, name: 'Co 21' },
        companies: [{ psaCompanyId: 21, name: 'Co 21', granted: 0, eligible: 3, ineligible: 0 }],
        contacts: intent.kind === 'users' && intent.psaCompanyId === null ? [] : contacts,
        contactTypes: [],
        paging: { page: 0, pageSize: 20, totalItems: 3, totalPages: 1 },
        counts,
        licences: { needed: 0, free: 10, enough: true },
        bulk: [],
        mapCandidates: [{ id: 'user-7', name: 'Pat Existing', email: 'pat@x.example' }],
      };
    case 'admins-list':
      return {
        kind: 'admins',
        admins: [{ platform: 'terminal', userId: 'bob', displayName: 'Bob' }],
        approvalPolicy: 'second-admin',
      };
    case 'connect-form':
      return {
        kind: 'credentials-form',
        provider: 'connectwise',
        fields: [
          { key: 'site', label: 'Site', secret: false, optional: false, hint: '' },
          { key: 'privateKey', label: 'Private key', secret: true, optional: false, hint: '' },
          { key: 'codebase', label: 'Codebase', secret: false, optional: true, hint: '' },
        ],
      };
    case 'connect':
      return { kind: 'connected', provider: 'connectwise' };
    case 'companies-list':
      return {
        kind: 'companies',
        companies: [{ id: 'mc-z', name: 'Zed' }],
        total: 1,
        query: '',
        paging: { page: 0, pageSize: 50, totalItems: 1, totalPages: 1 },
      };
    default:
      return { kind: 'notice', tone: 'info', text: 'ok' };
  }
}

function harness(answers: (string | null)[] = []) {
  const calls: { actor: Actor; intent: Intent }[] = [];
  const bot: ImportBot = {
    async handle(actor, intent) {
      calls.push({ actor, intent });
      return viewFor(intent);
    },
    async claimOnce() {
      return true;
    },
  };
  const session = new TerminalSession({
    bot,
    io: {
      askField: async () => answers.shift() ?? null,
      progress: () => {},
      writeExport: async (name) => `/tmp/${name}`,
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    workspaceId: 'local',
    actor: { userId: 'alice', displayName: 'Alice' },
    allowSwitchActor: true,
    pageSize: 2,
  });
  return { session, calls, last: () => calls.at(-1) };
}

describe('terminal session', () => {
  it('resolves row numbers across pages and candidate numbers to company ids', async () => {
    const { session, calls, last } = harness();
    await session.execute('/psa import connectwise type=Client');
    expect(last()?.intent).toEqual({
      kind: 'import',
      provider: 'connectwise',
      filterText: 'type=Client',
      pageSize: 2,
    });
    await session.execute('decide 2 map 2');
    expect(last()?.intent).toMatchObject({
      kind: 'decide-companies',
      runId: 'r1',
      decisions: [{ psaCompanyId: 22, decision: { kind: 'map', companyId: 'mc-b' } }],
    });
    await session.execute('review 2');
    await session.execute('decide 3 skip');
    expect(last()?.intent).toMatchObject({
      kind: 'decide-companies',
      decisions: [{ psaCompanyId: 23, decision: { kind: 'skip' } }],
      paging: { page: 1 },
    });
    const before = calls.length;
    const out = await session.execute('decide 9 skip');
    expect(calls.length).toBe(before);
    expect(out.text).toContain('there is no row 9');
  });

  it('maps to a company from the last list with @n', async () => {
    const { session, calls, last } = harness();
    await session.execute('/psa import connectwise');
    const before = calls.length;
    expect((await session.execute('decide 1 map @1')).text).toContain('there is no company @1');
    expect(calls.length).toBe(before);
    await session.execute('/psa companies zed');
    expect(last()?.intent).toEqual({ kind: 'companies-list', query: 'zed' });
    await session.execute('decide 1 map @1');
    expect(last()?.intent).toMatchObject({
      kind: 'decide-companies',
      decisions: [{ psaCompanyId: 21, decision: { kind: 'map', companyId: 'mc-z' } }],
    });
  });

  it('sends one decision per contact number and maps to the same-email user', async () => {
    const { session, calls, last } = harness();
    await session.execute('/psa import connectwise');
    await session.execute('users');
    await session.execute('users 1');
    expect(last()?.intent).toMatchObject({ kind: 'users', psaCompanyId: 21 });
    const start = calls.length;
    const out = await session.execute('grant 1 2');
    // One batch for the whole command: all of them or none.
    expect(calls.slice(start).map((c) => c.intent)).toMatchObject([
      {
        kind: 'decide-users',
        decisions: [
          { psaContactId: 301, decision: { kind: 'grant' } },
          { psaContactId: 302, decision: { kind: 'grant' } },
        ],
      },
    ]);
    expect(out.text).toContain('Person 301');
    await session.execute('map-user 3');
    expect(last()?.intent).toMatchObject({
      kind: 'decide-users',
      decisions: [{ psaContactId: 303, decision: { kind: 'map', userId: 'u-9' } }],
    });
  });

  it('lists existing users as u1… and maps a contact to one with map-user <contact#> u<n>', async () => {
    const { session, last } = harness();
    await session.execute('/psa import connectwise');
    await session.execute('users');
    const shown = await session.execute('users 1');
    expect(shown.text).toContain('   u1  Pat Existing <pat@x.example>');
    expect(shown.text).toContain('map-user <contact#> u<n>');
    await session.execute('map-user 2 u1');
    expect(last()?.intent).toMatchObject({
      decisions: [{ psaContactId: 302, decision: { kind: 'map', userId: 'user-7' } }],
    });
    expect((await session.execute('map-user 2 u5')).text).toContain('there is no user u5');
  });

  it('switches the acting admin with /as', async () => {
    const { session, last } = harness();
    const out = await session.execute('/as bob');
    expect(out.text).toBe('Now acting as Bob');
    await session.execute('/psa status');
    expect(last()?.actor).toEqual({
      platform: 'terminal',
      workspaceId: 'local',
      userId: 'bob',
      displayName: 'Bob',
    });
  });

  it('asks each credential field and sends them wrapped as a secret', async () => {
    const { session, last } = harness(['http://127.0.0.1:4010', 'pk-CANARY', '']);
    const out = await session.execute('/psa connect connectwise');
    const intent = last()?.intent;
    expect(intent?.kind).toBe('connect');
    if (intent?.kind !== 'connect') return;
    expect(intent.credentials).toBeInstanceOf(Secret);
    expect(intent.credentials.reveal()).toEqual({ site: 'http://127.0.0.1:4010', privateKey: 'pk-CANARY' });
    expect(out.text).toContain('Connected');
    expect(out.text).not.toContain('pk-CANARY');
  });

  it('refuses unknown providers without asking the core', async () => {
    const { session, calls } = harness();
    const out = await session.execute('/psa import kaseya');
    expect(calls).toHaveLength(0);
    expect(out.text).toContain('Unknown PSA provider');
  });
});
