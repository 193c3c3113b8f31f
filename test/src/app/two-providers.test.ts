import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/domain/provider.js';
import { Secret } from '../../../src/domain/secret.js';
import type { PsaGateway } from '../../../src/ports/psa-gateway.js';
import { company, FakePsaGateway } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, coreHarness, expectView, versionOf } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

/** One fake PSA per provider behind a single gateway. */
function perProvider(gateways: Record<Provider, FakePsaGateway>): PsaGateway {
  return {
    credentialFields: (provider) => gateways[provider].credentialFields(provider),
    open: (provider, credentials) => gateways[provider].open(provider, credentials),
  };
}

describe.each(storageDialects())('a tenant with ConnectWise and Autotask on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;
  const psas = {
    connectwise: new FakePsaGateway(),
    autotask: new FakePsaGateway(),
    halopsa: new FakePsaGateway(),
  };

  beforeEach(async () => {
    db = await dialect.open();
    psas.connectwise.companies = [company(10, 'Contoso Ltd'), company(11, 'Fabrikam')];
    psas.autotask.companies = [company(10, 'CONTOSO LIMITED'), company(12, 'Tailspin Toys')];
    h = await coreHarness(db, { psa: perProvider(psas) });
    for (const provider of ['connectwise', 'autotask'] as const) {
      expectView(
        await h.bot.handle(h.alice, {
          kind: 'connect',
          provider,
          credentials: new Secret({ apiKey: 'good-key' }),
        }),
        'connected',
      );
    }
  });
  afterEach(async () => db.close());

  it('keeps a lock per integration, and a company imported from one PSA is a duplicate in the other', async () => {
    const cw = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    // Another admin is not locked out of the other PSA's integration.
    const at = expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'autotask', filterText: '', pageSize: 20 }),
      'review',
    );
    expectView(await h.bot.handle(h.bob, { kind: 'cancel', runId: at.run.runId }), 'notice');

    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId: cw.run.runId }), 'approval');
    const applied = expectView(
      await h.bot.handle(h.bob, {
        kind: 'approve',
        runId: cw.run.runId,
        version: await versionOf(h.bot, h.bob, cw.run.runId),
      }),
      'result',
    );
    expect(applied.result.companiesCreated).toBe(2);

    // Same PSA id 10 in Autotask is another company as far as the map goes: each integration has
    // its own map, so it is not "Mapped"; its name variant makes it a potential duplicate.
    const again = expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'autotask', filterText: '', pageSize: 20 }),
      'review',
    );
    const contoso = again.rows.find((row) => row.psaCompanyId === 10);
    expect(contoso?.status).toBe('potential-duplicate');
    expect(contoso?.candidates.map((c) => c.companyName)).toEqual(['Contoso Ltd']);
    expect(contoso?.decision.kind).toBe('map');
    expect(again.rows.find((row) => row.psaCompanyId === 12)?.status).toBe('unmapped');

    expectView(await h.bot.handle(h.bob, { kind: 'submit', runId: again.run.runId }), 'approval');
    const second = expectView(
      await h.bot.handle(h.alice, {
        kind: 'approve',
        runId: again.run.runId,
        version: await versionOf(h.bot, h.alice, again.run.runId),
      }),
      'result',
    );
    expect(second.result).toMatchObject({ companiesCreated: 1, companiesMapped: 1 });
    expect(await h.deps.storage.repos.companies.count(h.tenantId)).toBe(3);

    const history = expectView(await h.bot.handle(h.alice, { kind: 'history' }), 'history');
    expect(history.runs.map((run) => `${run.provider}:${run.status}`).sort()).toEqual([
      'autotask:applied',
      'autotask:cancelled',
      'connectwise:applied',
    ]);
  });
});
