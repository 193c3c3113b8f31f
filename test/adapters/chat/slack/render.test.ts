import { describe, expect, it } from 'vitest';
import { checkMessage, checkModal } from '../../../../adapters/chat/slack/block-kit-limits.js';
import { renderApproval } from '../../../../adapters/chat/slack/render/approval-message.js';
import { REVIEW_PAGE_SIZE, renderReview } from '../../../../adapters/chat/slack/render/review-message.js';
import { renderUsersOverview } from '../../../../adapters/chat/slack/render/users-message.js';
import { CONTACTS_PAGE_SIZE, renderUsersModal } from '../../../../adapters/chat/slack/render/users-modal.js';
import type {
  ApprovalView,
  ContactRowView,
  ReviewRowView,
  ReviewView,
  UsersView,
} from '../../../../src/app/views.js';
import type { PlanCounts } from '../../../../src/domain/plan-model.js';
import { mrkdwnTexts } from '../../../fakes/slack-api.js';

const COUNTS: PlanCounts = {
  companiesCreate: 4800,
  companiesMap: 23,
  companiesUnmap: 0,
  companiesKeep: 100,
  companiesSkip: 77,
  usersGrant: 12000,
  usersKeep: 0,
  usersMap: 3,
  usersSkip: 10,
  usersIneligible: 400,
};
const RUN = {
  runId: 'run-1',
  provider: 'connectwise' as const,
  status: 'reviewing-companies' as const,
  requesterName: 'Alice',
  version: 7,
};
const LONG = `<!channel> & <http://evil.example|click> ${'W'.repeat(400)}`;

function row(i: number, candidates: number): ReviewRowView {
  return {
    psaCompanyId: 1000 + i,
    name: i === 0 ? '<!channel>' : `${LONG} ${i}`,
    status: candidates > 0 ? 'potential-duplicate' : 'unmapped',
    typeNames: ['Client', LONG],
    statusName: LONG,
    active: true,
    lastImportedAt: null,
    mappedTo: null,
    candidates: Array.from({ length: candidates }, (_, c) => ({
      companyId: `company-${i}-${c}`,
      companyName: `${LONG} ${c}`,
      reason: `same as "${LONG}" after removing "Inc."`,
      strength: 'same' as const,
    })),
    decision: { kind: 'create' },
    targetName: null,
    allowed: ['create', 'map', 'skip'],
    group: candidates > 0 ? 'decide' : 'create',
    leftOutLastTime: false,
  };
}

function review(page: number, total: number, candidates: number): ReviewView {
  const totalPages = Math.ceil(total / REVIEW_PAGE_SIZE);
  return {
    kind: 'review',
    skipped: { companies: 0, contacts: 0, first: [] },
    run: RUN,
    totals: { mapped: 0, unmapped: total - 23, duplicates: 23 },
    rows: Array.from({ length: Math.min(REVIEW_PAGE_SIZE, total - page * REVIEW_PAGE_SIZE) }, (_, i) =>
      row(page * REVIEW_PAGE_SIZE + i, candidates),
    ),
    paging: { page, pageSize: REVIEW_PAGE_SIZE, totalItems: total, totalPages },
    notInPsa: Array.from({ length: 300 }, (_, i) => ({
      psaCompanyId: i,
      managedCompanyId: `m${i}`,
      managedCompanyName: LONG,
      lastImportedAt: '2024-01-01T00:00:00Z',
      cause: 'deleted' as const,
      reason: LONG,
    })),
    counts: COUNTS,
    filter: { label: 'Client; Active; active only', isDefault: true },
    bulk: [
      { action: 'create-all-unmapped', count: 480 },
      { action: 'map-all-single-candidates', count: 23 },
      { action: 'skip-all', count: 5000 },
      { action: 'reset', count: 2 },
    ],
  };
}

describe('renderReview', () => {
  it('stays within Block Kit limits on every page of 5,000 companies, with many candidates', () => {
    const pages = Math.ceil(5000 / REVIEW_PAGE_SIZE);
    for (const page of [0, 1, pages - 2, pages - 1]) {
      expect(checkMessage(renderReview(review(page, 5000, 150)))).toEqual([]);
    }
  });

  it('labels the bulk actions with their counts', () => {
    const text = JSON.stringify(renderReview(review(0, 5000, 1)).blocks);
    expect(text).toContain('Create all 480 unmapped');
    expect(text).toContain('Map all 23 single-candidate duplicates');
  });

  it('escapes PSA text in mrkdwn so it cannot mention or link', () => {
    const texts = mrkdwnTexts(renderReview(review(0, 3, 1)).blocks).join('\n');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).not.toContain('<');
    expect(texts).not.toContain('>');
  });

  it('shows the PSA id on every row, so rows of the same name can be told apart', () => {
    const view = review(0, 3, 1);
    const texts = mrkdwnTexts(renderReview(view).blocks).join('\n');
    for (const shown of view.rows) expect(texts).toContain(`PSA id ${shown.psaCompanyId}`);
  });

  it('pages with previous and next only where they lead somewhere', () => {
    const first = JSON.stringify(renderReview(review(0, 40, 0)).blocks);
    expect(first).toContain('psa_review_page:next');
    expect(first).not.toContain('psa_review_page:prev');
    const last = JSON.stringify(renderReview(review(2, 40, 0)).blocks);
    expect(last).toContain('psa_review_page:prev');
    expect(last).not.toContain('psa_review_page:next');
  });
});

function contact(i: number): ContactRowView {
  return {
    psaContactId: 5000 + i,
    psaCompanyId: 1,
    name: `${LONG} ${i}`,
    email: i % 3 === 0 ? null : `${'x'.repeat(300)}@example.com`,
    active: i % 4 !== 0,
    typeNames: [LONG],
    decision: i % 2 === 0 ? { kind: 'grant' } : { kind: 'skip' },
    ineligibleReason: i % 3 === 0 ? `No email address ${LONG}` : null,
    previouslyImported: i % 5 === 0,
    sameEmailUser: { id: 'user-1', email: `${'y'.repeat(200)}@example.com` },
    allowed: i % 3 === 0 ? ['skip'] : ['grant', 'map', 'unmap-create', 'skip'],
  };
}

function users(company: boolean): UsersView {
  return {
    kind: 'users',
    skipped: { companies: 0, contacts: 0, first: [] },
    run: { ...RUN, status: 'reviewing-users' },
    company: company ? { psaCompanyId: 1, name: LONG } : null,
    companies: company
      ? []
      : Array.from({ length: 15 }, (_, i) => ({
          psaCompanyId: i,
          name: LONG,
          granted: 3,
          eligible: 5,
          ineligible: 2,
        })),
    contacts: company ? Array.from({ length: CONTACTS_PAGE_SIZE }, (_, i) => contact(i + 1)) : [],
    contactTypes: Array.from({ length: 150 }, (_, i) => `Type ${i} ${LONG}`),
    paging: { page: 1, pageSize: company ? CONTACTS_PAGE_SIZE : 15, totalItems: 200, totalPages: 14 },
    counts: COUNTS,
    licences: { needed: 12000, free: 10, enough: false },
    bulk: [
      { action: 'grant-all-eligible', count: 7 },
      { action: 'skip-all', count: 3 },
      { action: 'reset', count: 1 },
    ],
  };
}

describe('users', () => {
  it('renders the overview within limits, with the licence warning in the seed words', () => {
    const message = renderUsersOverview(users(false));
    expect(checkMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain("You don't seem to have enough available licenses");
  });

  it('renders the company modal within limits, at most 10 checkboxes, red-X reasons', () => {
    const modal = renderUsersModal(users(true), { channel: 'C1', ts: '1.1' });
    expect(checkModal(modal)).toEqual([]);
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain(':x: No email address');
    const boxes = modal.blocks.flatMap((b) =>
      ((b.elements as { type: string; options: unknown[] }[] | undefined) ?? []).filter(
        (e) => e.type === 'checkboxes',
      ),
    );
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.options.length).toBeLessThanOrEqual(10);
  });

  it('never shows a contact mapped to an existing user as checked under Grant access', () => {
    const view = users(true);
    const contacts = view.contacts.map((row, index) =>
      index === 0 ? { ...row, decision: { kind: 'map' as const, userId: 'user-1' } } : row,
    );
    const mappedId = String(contacts[0]?.psaContactId);
    const modal = renderUsersModal({ ...view, contacts }, { channel: 'C1', ts: '1.1' });
    expect(checkModal(modal)).toEqual([]);
    const boxes = modal.blocks.flatMap((b) =>
      (
        (b.elements as
          | { type: string; options: { value: string }[]; initial_options?: { value: string }[] }[]
          | undefined) ?? []
      ).filter((e) => e.type === 'checkboxes'),
    );
    expect(boxes[0]?.options.map((option) => option.value)).not.toContain(mappedId);
    expect((boxes[0]?.initial_options ?? []).map((option) => option.value)).not.toContain(mappedId);
    const text = mrkdwnTexts(modal.blocks).join('\n');
    expect(text).toContain('1 mapped to an existing user are listed below.');
    expect(text).toContain('→ map to existing user');
    // Granted contacts stay checked; left-out ones do not.
    const granted = contacts.filter((row) => row.decision.kind === 'grant' && row.ineligibleReason === null);
    expect((boxes[0]?.initial_options ?? []).map((option) => option.value).sort()).toEqual(
      granted.map((row) => String(row.psaContactId)).sort(),
    );
  });
});

describe('renderApproval', () => {
  const approval = (state: ApprovalView['state']): ApprovalView => ({
    kind: 'approval',
    decidedBy: null,
    run: { ...RUN, status: 'pending-approval' },
    state,
    counts: COUNTS,
    licences: { needed: 3, free: 10, enough: true },
    expiresAt: '2025-01-02T03:04:05.000Z',
    requester: { platform: 'slack', userId: 'U0ALICE' },
    approvers: [{ platform: 'slack', userId: 'U0BOB' }],
    approverName: state === 'pending' ? null : 'Bob',
    rejectReason: state === 'rejected' ? '<!here> not now' : null,
  });

  it('offers Approve and Reject while pending, with counts', () => {
    const message = renderApproval(approval('pending'));
    expect(checkMessage(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('psa_approve');
    expect(text).toContain('psa_reject');
    expect(text).toContain('create 4,800');
    expect(text).toContain('<@U0ALICE>');
  });

  it('tells everyone that the requester cannot approve, since Slack shows them the buttons too', () => {
    const text = mrkdwnTexts(renderApproval(approval('pending')).blocks).join('\n');
    expect(text).toContain(
      '<@U0ALICE> prepared this import, so another admin must approve it: Approve and Reject are refused for <@U0ALICE>.',
    );
    const self = renderApproval({
      ...approval('pending'),
      approvers: [{ platform: 'slack', userId: 'U0ALICE' }],
    });
    expect(mrkdwnTexts(self.blocks).join('\n')).not.toContain('another admin must approve');
  });

  it('has no buttons once decided, and escapes the reason', () => {
    const blocks = renderApproval(approval('rejected')).blocks;
    expect(JSON.stringify(blocks)).not.toContain('psa_approve');
    expect(mrkdwnTexts(blocks).join('\n')).toContain('&lt;!here&gt; not now');
  });
});

describe('renderReview: PSA companies of the same name in one import', () => {
  it('names the other twin by PSA id on each row, escaped', () => {
    const view = review(0, 3, 0);
    const [first, second] = view.rows;
    if (first === undefined || second === undefined) throw new Error('two rows expected');
    const rows = [
      {
        ...first,
        twinNote: `same name as PSA company ${second.psaCompanyId} "<!channel> Co" in this import`,
      },
      { ...second, twinNote: `same name as PSA company ${first.psaCompanyId} "Co" in this import` },
    ];
    const texts = mrkdwnTexts(renderReview({ ...view, rows }).blocks).join('\n');
    expect(texts).toContain(
      `Same name as PSA company ${second.psaCompanyId} "&lt;!channel&gt; Co" in this import`,
    );
    expect(texts).toContain(`Same name as PSA company ${first.psaCompanyId} "Co" in this import`);
  });
});
