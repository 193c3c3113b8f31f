import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPsaGateway } from '../../adapters/psa/gateway.js';
import {
  type SandboxConnectWise,
  startSandboxConnectWise,
} from '../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import type { ImportBot } from '../../src/app/bot-api.js';
import type { DigestView } from '../../src/app/views.js';
import type { Actor } from '../../src/domain/chat-identity.js';
import { Secret } from '../../src/domain/secret.js';
import { type CoreHarness, coreHarness, expectView, versionOf } from '../support/core-harness.js';
import { storageDialects, type TestStorage } from '../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 500 };

/** One import of everything the default filter offers, every eligible contact granted, approved. */
async function importAndApply(bot: ImportBot, alice: Actor, bob: Actor, filterText: string): Promise<string> {
  const review = expectView(
    await bot.handle(alice, { kind: 'import', provider: 'connectwise', filterText, pageSize: 50 }),
    'review',
  );
  const runId = review.run.runId;
  expectView(await bot.handle(alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
  expectView(
    await bot.handle(alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: PAGE,
    }),
    'users',
  );
  expectView(await bot.handle(alice, { kind: 'submit', runId }), 'approval');
  expectView(
    await bot.handle(bob, { kind: 'approve', runId, version: await versionOf(bot, bob, runId) }),
    'result',
  );
  return runId;
}

function names(view: DigestView): Record<string, string[]> {
  return Object.fromEntries(view.sections.map((s) => [s.kind, s.samples.map((sample) => sample.name)]));
}

describe.each(storageDialects().slice(0, 1))(
  'the change digest on the sandbox ConnectWise ($name)',
  (dialect) => {
    let db: TestStorage;
    let cw: SandboxConnectWise;
    let h: CoreHarness;

    beforeEach(async () => {
      db = await dialect.open();
      cw = await startSandboxConnectWise({ companies: 12, contactsPerCompany: 2 });
      h = await coreHarness(db, {
        psa: createPsaGateway({ timeoutMs: 5_000, maxAttempts: 1, random: () => 0, sleep: async () => {} }),
      });
      expectView(
        await h.bot.handle(h.alice, {
          kind: 'connect',
          provider: 'connectwise',
          credentials: new Secret({ ...cw.credentials }),
        }),
        'connected',
      );
    });
    afterEach(async () => {
      await cw.close();
      await db.close();
    });

    it('lists exactly a new client, a deactivated contact and a changed email; quiet once imported', async () => {
      await importAndApply(h.bot, h.alice, h.bob, '');
      const before = expectView(
        await h.bot.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' }),
        'digest',
      );
      expect(before.total).toBe(0);

      // Change the sandbox: a client like an imported one, one imported contact deactivated, another's email.
      const { repos } = h.deps.storage;
      const integration = await repos.integrations.find(h.tenantId, 'connectwise');
      const linked = new Set(
        (await repos.contactMap.list(integration?.id ?? '')).map((link) => link.psaContactId),
      );
      const mappedIds = new Set(
        (await repos.companyMap.list(integration?.id ?? '')).map((link) => link.psaCompanyId),
      );
      const data = cw.dataset;
      const [deactivated, renamed] = data.contacts.filter(
        (c) => linked.has(c.id) && mappedIds.has(c.company.id),
      );
      const template = data.companies.find((c) => mappedIds.has(c.id));
      if (deactivated === undefined || renamed === undefined || template === undefined)
        throw new Error('the sandbox has no imported contacts');
      const newId = Math.max(...data.companies.map((c) => c.id)) + 1;
      cw.replaceDataset({
        ...data,
        companies: [
          ...data.companies,
          { ...template, id: newId, identifier: `Digest${newId}`, name: 'Digest Newco' },
        ],
        contacts: data.contacts.map((c) =>
          c.id === deactivated.id
            ? { ...c, inactiveFlag: true }
            : c.id === renamed.id
              ? {
                  ...c,
                  communicationItems: c.communicationItems.map((item) =>
                    item.communicationType === 'Email'
                      ? { ...item, value: 'changed.address@digest.test' }
                      : item,
                  ),
                }
              : c,
        ),
      });

      const digest = expectView(
        await h.bot.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' }),
        'digest',
      );
      expect(names(digest)).toEqual({
        'new-companies': ['Digest Newco'],
        'inactive-contacts': [`${deactivated.firstName} ${deactivated.lastName}`],
        'changed-emails': [`${renamed.firstName} ${renamed.lastName}`],
      });
      expect(digest.total).toBe(3);

      // Start import: the review shows the new client; applying it makes the next digest quiet.
      const review = expectView(
        await h.bot.handle(h.alice, {
          kind: 'import',
          provider: 'connectwise',
          filterText: digest.filterText,
          pageSize: 50,
        }),
        'review',
      );
      expect(review.rows.some((row) => row.name === 'Digest Newco' && row.status !== 'mapped')).toBe(true);
      await h.bot.handle(h.alice, { kind: 'cancel', runId: review.run.runId });
      await importAndApply(h.bot, h.alice, h.bob, digest.filterText);
      const after = expectView(
        await h.bot.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' }),
        'digest',
      );
      expect(after.total).toBe(0);
    });
  },
);
