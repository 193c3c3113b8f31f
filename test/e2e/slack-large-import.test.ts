import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage } from '../../adapters/chat/slack/block-kit-limits.js';
import { REVIEW_PAGE_SIZE, renderReview } from '../../adapters/chat/slack/render/review-message.js';
import { renderUsersOverview, USERS_PAGE_SIZE } from '../../adapters/chat/slack/render/users-message.js';
import { createSecretBox } from '../../adapters/crypto/secret-box.js';
import { silentLogger } from '../../adapters/log/create-logger.js';
import { type OpenedStorage, openStorage } from '../../adapters/storage/open-storage.js';
import type { ImportBot } from '../../src/app/bot-api.js';
import { createImportBot } from '../../src/app/create-import-bot.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import { Secret } from '../../src/domain/secret.js';
import { company, contact, FakePsaGateway } from '../fakes/fake-psa-gateway.js';
import { ManualClock } from '../fakes/manual-clock.js';
import { SequentialIds } from '../fakes/sequential-ids.js';
import {
  ALICE,
  blockText,
  type FoundControl,
  findControl,
  type Json,
  MSP_TEAM,
  mrkdwnTexts,
  type SlackHarness,
  startSlackHarness,
} from '../fakes/slack-api.js';
import { TEST_SETTINGS } from '../support/core-harness.js';

/**
 * A review of 5,000 PSA companies (10,000 contacts) through Slack: paging, bulk actions, the
 * CSV, the users overview and modal, every message checked against the Block Kit limits by the
 * fake Slack; then every page of the review and of the users overview rendered and checked.
 */

const ACTOR: Actor = { platform: 'slack', workspaceId: MSP_TEAM, userId: ALICE.id, displayName: 'alice' };
const COMPANIES = 5000;
const HOSTILE = `<!channel> & <http://evil.example|click here> ${'Ω'.repeat(300)}`;

function psaCompanies() {
  return Array.from({ length: COMPANIES }, (_, i) => {
    const id = i + 1;
    if (id === 1) return company(id, '<!channel>');
    if (id === 2) return company(id, HOSTILE);
    if (id <= 25) return company(id, `Duplicate Number ${id}, Inc.`);
    if (id <= 30) return company(id, `Twin Holdings ${id}`);
    return company(id, `Company ${String(id).padStart(5, '0')} ${i % 7 === 0 ? '& Sons' : 'Ltd'}`);
  });
}

function psaContacts() {
  // The first company has a long list, so its modal pages.
  const many = Array.from({ length: 25 }, (_, i) =>
    contact(200_000 + i, 1, `staff${i}@first.example`, { typeNames: ['Staff'] }),
  );
  const rest = Array.from({ length: COMPANIES * 2 }, (_, i) => {
    const companyId = Math.floor(i / 2) + 1;
    const email = i % 9 === 0 ? null : `person${i}@company${companyId}.example`;
    return contact(100_000 + i, companyId, email, {
      active: i % 13 !== 0,
      typeNames: [i % 2 === 0 ? 'Billing' : 'Technical'],
    });
  });
  return [...many, ...rest];
}

describe('a review of 5,000 companies through Slack', () => {
  let dir: string;
  let opened: OpenedStorage;
  let bot: ImportBot;
  let harness: SlackHarness;
  let workTs = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psa-slack-large-'));
    opened = await openStorage(join(dir, 'test.db'), { migrate: true });
    const psa = new FakePsaGateway();
    psa.companies = psaCompanies();
    psa.contacts = psaContacts();
    const clock = new ManualClock();
    const created = createImportBot({
      storage: opened.storage,
      psa,
      secrets: createSecretBox(randomBytes(32)),
      clock,
      ids: new SequentialIds(),
      logger: silentLogger(),
      settings: TEST_SETTINGS,
    });
    bot = created.bot;
    const workspace = { platform: 'slack' as const, workspaceId: MSP_TEAM };
    const { tenantId } = await created.maintenance.bootstrap({
      ...workspace,
      tenantName: 'Big MSP',
      admins: [{ userId: ALICE.id, displayName: 'alice' }],
      licences: 100_000,
    });
    const existing = Array.from({ length: 24 }, (_, i) => `Duplicate Number ${i + 2} Inc`);
    // Straight into the directory: the two "Twin Holdings 26" are normalised twins on purpose,
    // which the add path refuses.
    const createdAt = clock.now().toISOString();
    await opened.storage.repos.companies.insertMany(
      tenantId,
      [...existing, 'Twin Holdings 26 LLC', 'Twin Holdings 26 Ltd'].map((name, i) => ({
        id: `seeded-${i}`,
        name,
        createdAt,
      })),
    );
    const connected = await bot.handle(ACTOR, {
      kind: 'connect',
      provider: 'connectwise',
      credentials: new Secret({ apiKey: psa.acceptedKey }),
    });
    expect(connected.kind).toBe('connected');
    harness = await startSlackHarness({ bot, clock });
  });

  afterAll(async () => {
    await harness?.close();
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function click(prefix: string, predicate?: (c: FoundControl) => boolean): Promise<void> {
    const message = harness.fake.message(workTs);
    const response = await harness.sender.interaction(
      harness.sender.messageAction(ALICE, message, findControl(message.blocks, prefix, predicate)),
    );
    expect(response.status).toBe(200);
    await harness.surface.idle();
  }

  it('imports and shows the first page with bulk actions for the whole list', async () => {
    const response = await harness.sender.command(ALICE, 'import connectwise');
    expect(response.status).toBe(200);
    await harness.surface.idle();
    const root = [...harness.fake.messages.values()][0]?.ts ?? '';
    workTs = harness.fake.thread(root)[1]?.ts ?? '';
    const text = blockText(harness.fake.message(workTs).blocks);
    expect(harness.fake.message(workTs).text).toContain('Review of 5,000 ConnectWise Manage companies');
    expect(text).toContain('Leave all 4,999 out');
    expect(text).toContain('page 1 of 334');
    // Decisions first: the potential duplicates open the review (issue 15).
    expect(mrkdwnTexts(harness.fake.message(workTs).blocks).join('\n')).toContain(
      'Potential duplicates: mapped to the same name',
    );
  });

  it('pages forward and back', async () => {
    await click('psa_review_page:next');
    await click('psa_review_page:next');
    expect(blockText(harness.fake.message(workTs).blocks)).toContain('page 3 of 334');
    await click('psa_review_page:prev');
    expect(blockText(harness.fake.message(workTs).blocks)).toContain('page 2 of 334');
  });

  it('applies the bulk actions to every page at once', async () => {
    await click('psa_company_bulk:skip-all');
    const skipped = blockText(harness.fake.message(workTs).blocks);
    expect(skipped).toContain('leave out 5,000');
    expect(skipped).toMatch(/Create all 4,9\d\d unmapped/);
    expect(skipped).toMatch(/Map all 2\d single-candidate duplicates/);
    await click('psa_company_bulk:create-all-unmapped');
    await click('psa_company_bulk:map-all-single-candidates');
    const decided = blockText(harness.fake.message(workTs).blocks);
    expect(decided).toMatch(/map 2\d /);
    expect(decided).not.toContain('single-candidate duplicates');
    // Every row is back at its default: "Reset" would change nothing, so it is not offered.
    expect(decided).not.toContain('Reset');
    await click('psa_company_bulk:skip-all');
    await click('psa_company_bulk:reset');
    expect(blockText(harness.fake.message(workTs).blocks)).not.toContain('Reset');
  });

  it('exports all 5,000 rows as CSV into the thread', async () => {
    await click('psa_export');
    const [upload] = [...harness.fake.uploads.values()];
    expect(upload?.content.trim().split('\n').length).toBeGreaterThanOrEqual(COMPANIES + 1);
  });

  it('continues to 10,025 contacts: overview, bulk grant, and a company modal with paging', async () => {
    await click('psa_continue');
    expect(blockText(harness.fake.message(workTs).blocks)).toContain('page 1 of 334');
    await click('psa_users_bulk:grant-all-eligible');
    // The duplicates come first; company 1 (<!channel>, 26 contacts) opens the new companies.
    for (let page = 0; page < 5; page += 1) {
      const shown = mrkdwnTexts(harness.fake.message(workTs).blocks).join('\n');
      if (shown.includes('&lt;!channel&gt;')) break;
      await click('psa_users_page:next');
    }
    await click('psa_manage_users:1', (c) => c.element.action_id === 'psa_manage_users:1');
    const modal = [...harness.fake.views.values()].at(-1);
    if (modal === undefined) throw new Error('no modal');
    expect(blockText(modal.view.blocks as Json[])).toContain(':x:');
    const nextContacts = findControl(modal.view.blocks as Json[], 'psa_modal_page:next');
    await harness.sender.interaction(harness.sender.viewAction(ALICE, modal, nextContacts));
    await harness.surface.idle();
    expect(blockText(harness.fake.view(modal.id).view.blocks as Json[])).toContain('page 2 of');
    const skip = findControl(harness.fake.view(modal.id).view.blocks as Json[], 'psa_modal_bulk:skip-all');
    await harness.sender.interaction(harness.sender.viewAction(ALICE, harness.fake.view(modal.id), skip));
    await harness.surface.idle();
    // Narrow to one contact type: the bulk grant then applies to that type only.
    const types = findControl(harness.fake.view(modal.id).view.blocks as Json[], 'psa_contact_type');
    const staff = (types.element.options as Json[]).find((option) => option.value === 'Staff');
    expect(staff).toBeDefined();
    await harness.sender.interaction(
      harness.sender.viewAction(ALICE, harness.fake.view(modal.id), types, staff),
    );
    await harness.surface.idle();
    const grantStaff = findControl(
      harness.fake.view(modal.id).view.blocks as Json[],
      'psa_modal_bulk:grant-all-eligible',
    );
    expect((grantStaff.element.text as Json).text).toBe('Grant all eligible (Staff)');
    await harness.sender.interaction(
      harness.sender.viewAction(ALICE, harness.fake.view(modal.id), grantStaff),
    );
    await harness.surface.idle();
    const before = harness.fake.message(workTs).updates;
    const closed = await harness.sender.interaction(
      harness.sender.viewPayload(ALICE, harness.fake.view(modal.id), 'view_closed'),
    );
    expect(closed.status).toBe(200);
    await harness.surface.idle();
    expect(harness.fake.message(workTs).updates).toBe(before + 1);
    // 25 staff granted; the technical contact stays out, the billing one has no email (red X).
    expect(blockText(harness.fake.message(workTs).blocks)).toMatch(
      /\*&lt;!channel&gt;\*: PSA id \d+ · 25 of 26 eligible get access · 1 not eligible/,
    );
    await click('psa_users_page:next');
    // One page past the one that holds company 1 (the duplicates' pages come first).
    expect(blockText(harness.fake.message(workTs).blocks)).toMatch(/page [2-6] of 334/);
  });

  it('never sent a message or modal over the Block Kit limits', () => {
    expect(harness.fake.violations).toEqual([]);
    expect(harness.fake.callsOf('chat.update').length).toBeGreaterThan(8);
  });

  it('renders pages from the start, the middle and the end of both lists within the limits', async () => {
    const run = (await opened.db.selectFrom('import_runs').select('id').executeTakeFirstOrThrow()).id;
    const problems: string[] = [];
    // Every page has the same shape; the data differs. A full sweep of 668 pages belongs in a
    // benchmark, not in the suite: each page reloads a 5,000-company run.
    const sample = (pages: number) => [0, 1, 2, Math.floor(pages / 2), pages - 2, pages - 1];
    for (const page of sample(Math.ceil(COMPANIES / REVIEW_PAGE_SIZE))) {
      const view = await bot.handle(ACTOR, {
        kind: 'review',
        runId: run,
        paging: { page, pageSize: REVIEW_PAGE_SIZE },
      });
      if (view.kind !== 'review') throw new Error(`page ${page}: ${view.kind}`);
      problems.push(...checkMessage(renderReview(view)).map((p) => `review ${page}: ${p}`));
    }
    for (const page of sample(Math.ceil(COMPANIES / USERS_PAGE_SIZE))) {
      const view = await bot.handle(ACTOR, {
        kind: 'users',
        runId: run,
        psaCompanyId: null,
        paging: { page, pageSize: USERS_PAGE_SIZE },
      });
      if (view.kind !== 'users') throw new Error(`page ${page}: ${view.kind}`);
      problems.push(...checkMessage(renderUsersOverview(view)).map((p) => `users ${page}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});
