import { describe, expect, it } from 'vitest';
import { renderView } from '../../../../adapters/chat/terminal/render-view.js';
import { clean } from '../../../../adapters/chat/terminal/sanitize.js';
import type { ReviewRowView, RunHeader, UsersView, View } from '../../../../src/app/views.js';
import type { PlanCounts } from '../../../../src/domain/plan-model.js';
import { reviewRow, usersView } from '../../../fixtures/sample-views.js';

const run: RunHeader = {
  runId: 'run-1',
  provider: 'connectwise',
  status: 'reviewing-companies',
  requesterName: 'Alice',
  version: 3,
};
const counts: PlanCounts = {
  companiesCreate: 1,
  companiesMap: 1,
  companiesUnmap: 0,
  companiesKeep: 1,
  companiesSkip: 0,
  usersGrant: 2,
  usersKeep: 1,
  usersMap: 0,
  usersSkip: 4,
  usersIneligible: 1,
};

function row(overrides: Partial<ReviewRowView>): ReviewRowView {
  return reviewRow(overrides.psaCompanyId ?? 1, overrides);
}

const review: View = {
  kind: 'review',
  skipped: { companies: 0, contacts: 0, first: [] },
  run,
  totals: { mapped: 1, unmapped: 1, duplicates: 1 },
  filter: { label: 'Client; Active; active only', isDefault: true },
  paging: { page: 1, pageSize: 3, totalItems: 6, totalPages: 2 },
  rows: [
    row({ psaCompanyId: 11, name: 'New Co\x1b]0;pwned\x07' }),
    row({
      psaCompanyId: 12,
      name: 'Acme, Inc.',
      status: 'potential-duplicate',
      candidates: [
        {
          companyId: 'mc-1',
          companyName: 'ACME Inc',
          reason: 'same as "ACME Inc" after removing "Inc."',
          strength: 'same',
        },
      ],
      decision: { kind: 'map', companyId: 'mc-1' },
      targetName: 'ACME Inc',
      group: 'duplicate',
    }),
    row({
      psaCompanyId: 13,
      name: 'Old Co',
      status: 'mapped',
      active: false,
      lastImportedAt: '2025-02-03T04:05:06.000Z',
      mappedTo: { id: 'mc-2', name: 'Old Co' },
      decision: { kind: 'keep' },
      targetName: 'Old Co',
      allowed: ['keep', 'unmap-create', 'skip'],
      group: 'mapped',
    }),
  ],
  notInPsa: [
    {
      psaCompanyId: 99,
      managedCompanyId: 'mc-9',
      managedCompanyName: 'Gone Ltd',
      lastImportedAt: '2025-01-01T00:00:00.000Z',
      cause: 'deleted',
      reason: 'deleted in the PSA',
    },
  ],
  counts,
  bulk: [
    { action: 'create-all-unmapped', count: 1 },
    { action: 'map-all-single-candidates', count: 0 },
    { action: 'reset', count: 0 },
  ],
};

describe('terminal renderer', () => {
  it('shows each review row with status, type, active flag, last import, reasons and its number', () => {
    const text = renderView(review);
    expect(text).toContain('Page 2/2 · 6 in PSA');
    expect(text).toMatch(/ 4\. New Co {2}\[Unmapped\]/);
    expect(text).toMatch(/ 5\. Acme, Inc\. {2}\[Unmapped – potential duplicate\]/);
    expect(text).toContain('candidate 1: ACME Inc (same as "ACME Inc" after removing "Inc.")');
    expect(text).toContain('→ Map to ACME Inc');
    // A mapped row that stays mapped takes one line.
    expect(text).toContain('   6. Old Co  [PSA id 13, kept → Old Co]  (decide 6 unmap|skip)');
    // Decisions first: the filter and the defaults in the header, rows under their group.
    expect(text).toContain('Filter: Client; Active; active only (default filter)');
    expect(text).toContain('Defaults: new → create');
    expect(text).toContain('Mapped: kept (1 in all, one line each):');
    expect(text).toContain('PSA id 11 · Type: Client · Status: Active · Last import: never');
    expect(text).toContain('Gone Ltd: PSA id 99 · deleted in the PSA');
    expect(text).toContain('bulk create-unmapped (1)');
    expect(text).not.toContain('map-single');
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
  });

  it('shows a long match reason in full, wrapped at spaces in an 80-column window', () => {
    const reason =
      'same as "Wayne Enterprises Holdings International" after removing "Inc.", "The" and the note "(OLD)", ignoring case and punctuation';
    const [first, , third] = review.rows;
    if (first === undefined || third === undefined) throw new Error('fixture rows missing');
    const long: View = {
      ...review,
      rows: [
        first,
        row({
          psaCompanyId: 12,
          name: 'wayne enterprises, Inc. (OLD)',
          status: 'potential-duplicate',
          candidates: [{ companyId: 'mc-1', companyName: 'Wayne Enterprises', reason, strength: 'same' }],
          decision: { kind: 'map', companyId: 'mc-1' },
          targetName: 'Wayne Enterprises',
          group: 'duplicate',
        }),
        third,
      ],
    };
    expect(renderView(long)).toContain(`candidate 1: Wayne Enterprises (${reason})`);
    const screen = renderView(long, { maxLines: 40, width: 80 });
    expect(screen.replace(/\n +/g, ' ')).toContain(`(${reason})`);
  });

  it('shows contacts with the red X and why', () => {
    const users: UsersView = {
      kind: 'users',
      skipped: { companies: 0, contacts: 0, first: [] },
      run: { ...run, status: 'reviewing-users' },
      company: { psaCompanyId: 12, name: 'Acme, Inc.' },
      companies: [],
      contacts: [
        {
          psaContactId: 1,
          psaCompanyId: 12,
          name: 'Jane Roe',
          email: 'jane@acme.example',
          active: true,
          typeNames: ['Billing'],
          decision: { kind: 'grant' },
          ineligibleReason: null,
          previouslyImported: true,
          sameEmailUser: null,
          allowed: ['grant', 'skip'],
        },
        {
          psaContactId: 2,
          psaCompanyId: 12,
          name: 'No Mail',
          email: null,
          active: true,
          typeNames: [],
          decision: { kind: 'skip' },
          ineligibleReason: 'no email address',
          previouslyImported: false,
          sameEmailUser: null,
          allowed: ['skip'],
        },
      ],
      contactTypes: ['Billing'],
      paging: { page: 0, pageSize: 20, totalItems: 2, totalPages: 1 },
      counts,
      licences: { needed: 600, free: 380, enough: false },
      bulk: [{ action: 'grant-all-eligible', count: 1 }],
    };
    const text = renderView(users);
    expect(text).toContain('1. [x] Jane Roe  <jane@acme.example> · Billing');
    expect(text).toContain('Keep access (imported before)');
    expect(text).toContain('2. ✗ No Mail  [✗ no email]');
    expect(text).toContain('✗ not eligible: no email address');
    expect(text).toContain("You don't seem to have enough available licenses");
    expect(text).toContain('needs 600 and 380 are free');
  });

  it('shows the approval counts, the result and its errors', () => {
    const approval = renderView({
      kind: 'approval',
      decidedBy: null,
      run: { ...run, status: 'pending-approval' },
      state: 'pending',
      counts,
      licences: { needed: 2, free: 380, enough: true },
      expiresAt: '2025-05-06T07:08:00.000Z',
      requester: { platform: 'terminal', userId: 'alice' },
      approvers: [{ platform: 'terminal', userId: 'bob' }],
      approverName: null,
      rejectReason: null,
    });
    expect(approval).toMatch(/Companies to create\s+1/);
    expect(approval).toMatch(/Users to grant \(new, one licence each\)\s+2/);
    expect(approval).toContain('expires 2025-05-06 07:08 UTC');

    const result = renderView({
      kind: 'result',
      requester: { platform: 'terminal', userId: 'alice' },
      skipped: { companies: 0, contacts: 0, first: [] },
      run: { ...run, status: 'applied' },
      approverName: 'Bob',
      requestCount: 7,
      result: {
        companiesCreated: 3,
        companiesMapped: 1,
        companiesUnmapped: 0,
        companiesKept: 0,
        usersImported: 5,
        usersMapped: 0,
        usersKept: 0,
        errors: [{ subject: 'Bad\x1b[2J Co', message: 'email already taken' }],
      },
    });
    expect(result).toContain('approved by Bob');
    expect(result).toMatch(/Companies created\s+3/);
    expect(result).toMatch(/Users imported\s+5/);
    expect(result).toMatch(/Errors\s+1/);
    expect(result).toContain('✗ Bad Co: email already taken');
  });

  it('offers the one user a contact can be mapped to, by its contact number', () => {
    const view = usersView({ psaCompanyId: 7, name: 'Acme' });
    const contacts = view.contacts.map((contact) =>
      contact.psaContactId === 3 ? { ...contact, decision: { kind: 'grant' as const } } : contact,
    );
    const text = renderView({ ...view, contacts });
    expect(text).toContain('existing user c3@example.com: map-user 3 (id u-3)');
    expect(text).toContain('map-user <contact#> (to the existing user shown)');
    expect(text).not.toContain('[user id]');
  });

  it('offers no decisions on a review or a users list the viewer can no longer change', () => {
    const pending = renderView({ ...review, run: { ...run, status: 'pending-approval' } } as View);
    expect(pending).not.toContain('decide ');
    expect(pending).not.toContain('next (continue');
    expect(pending).toContain('Read only (waiting for approval). Next: approve · reject <reason>');
    const users = renderView(usersView({ psaCompanyId: 7, name: 'Acme' }, 'pending-approval'));
    expect(users).not.toContain('grant|skip');
    expect(users).toContain('Read only (waiting for approval)');
  });

  it('counts the matches apart from every managed company and offers the next page', () => {
    const companies = Array.from({ length: 50 }, (_, n) => ({ id: `c${n}`, name: `Acme ${n}` }));
    const paging = { page: 0, pageSize: 50, totalItems: 120, totalPages: 3 };
    const text = renderView({ kind: 'companies', companies, total: 110_021, query: 'acme', paging });
    expect(text.split('\n')[0]).toBe(
      'Managed companies: 120 matches of 110,021 managed companies, page 1 of 3',
    );
    expect(text).toContain('More: /psa companies acme page 2');
    const second = renderView({
      kind: 'companies',
      companies: companies.slice(0, 20),
      total: 110_021,
      query: 'acme',
      paging: { ...paging, page: 2 },
    });
    // `@n` counts from 1 on every page, as `decide <row#> map @n` reads it; the last page offers no more.
    expect(second).toContain('  @1  Acme 0  (id c0)');
    expect(second).not.toContain('More:');
    const all = { page: 0, pageSize: 50, totalItems: 2, totalPages: 1 };
    expect(
      renderView({ kind: 'companies', companies: companies.slice(0, 2), total: 2, query: '', paging: all }),
    ).toContain('Managed companies: 2 managed companies');
  });

  it('marks a missing email apart from the name', () => {
    const text = renderView(usersView({ psaCompanyId: 7, name: 'Acme' }));
    expect(text).toContain('Contact 2  [✗ no email]');
  });

  it('says who rejected an import in the history', () => {
    const text = renderView({
      kind: 'history',
      runs: [
        {
          runId: 'r1',
          provider: 'connectwise',
          status: 'rejected',
          number: 1,
          version: 5,
          requesterName: 'Alice',
          approverName: null,
          decidedBy: 'Bob',
          rejectReason: 'wrong filter',
          actions: [],
          createdAt: '2025-01-02T03:04:05.000Z',
          result: null,
          failureCode: null,
        },
      ],
    });
    expect(text).toContain('rejected · by Alice · rejected by Bob · reason: wrong filter');
    expect(text).not.toContain('approver Bob');
    // History numbers nothing: `approve`, `reject` and `cancel` take the numbers of `/psa status`.
    expect(text).toMatch(/^ {2}2025-01-02 03:04 UTC {2}r1 /m);
  });

  it('words errors with messageFor, including the next step', () => {
    expect(renderView({ kind: 'error', code: 'integration_locked', details: {} })).toBe(
      '✗ Another admin is already working with this integration\n  Wait until their import is finished or cancelled; an abandoned lock expires on its own.',
    );
  });
});

describe('clean', () => {
  it('removes escape sequences, controls and bidi overrides, and folds whitespace', () => {
    expect(clean('\x1b[31mRed\x1b[0m\tCo\r\nLtd\u202e\x00\x9b2J')).toBe('Red Co Ltd');
    expect(clean('a'.repeat(10), 5)).toBe('aaaa…');
  });
});

describe('terminal renderer: PSA companies of the same name in one import', () => {
  it('says on each twin which other PSA id has its name, even on a mapped row that is kept', () => {
    const rows = [
      reviewRow(11, { name: 'Gamma Co', twinNote: 'same name as PSA company 12 "Gamma Co." in this import' }),
      reviewRow(12, {
        name: 'Gamma Co.',
        status: 'mapped',
        mappedTo: { id: 'mc-1', name: 'Gamma' },
        decision: { kind: 'keep' },
        allowed: ['keep', 'unmap-create', 'skip'],
        group: 'mapped',
        twinNote: 'same name as PSA company 11 "Gamma Co" in this import',
      }),
    ];
    const text = renderView({ ...review, rows });
    expect(text).toContain('same name as PSA company 12 "Gamma Co." in this import');
    expect(text).toContain('same name as PSA company 11 "Gamma Co" in this import');
  });
});
