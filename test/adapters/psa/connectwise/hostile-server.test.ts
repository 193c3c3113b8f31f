/**
 * A broken or hostile ConnectWise over loopback: each abuse ends in its message, and the process
 * lives on. Memory is measured by `npm run bench -- hostile` (child processes), not here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPsaGateway } from '../../../../adapters/psa/gateway.js';
import {
  type HostileCase,
  type HostileConnectWise,
  startHostileConnectWise,
} from '../../../../adapters/psa/sandbox/hostile/hostile-connectwise.js';
import type { PsaCompany } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { appErrorOf } from '../shared/app-error-of.js';
import { gather } from '../shared/gather.js';

const ALL = { typeIds: [], statusIds: [], activeOnly: false };
let psa: HostileConnectWise | null = null;

afterEach(async () => {
  await psa?.close();
  psa = null;
});

/** The timeout is generous except for the drip, so a loaded machine cannot turn a case into a timeout. */
async function fetchFrom(mode: HostileCase, timeoutMs = 60_000): Promise<PsaCompany[]> {
  psa = await startHostileConnectWise(mode);
  const gateway = createPsaGateway({ timeoutMs, maxAttempts: 1 });
  const session = gateway.open('connectwise', new Secret(psa.credentials));
  return gather<PsaCompany>((sink) => session.fetchCompanies(ALL, () => {}, sink));
}

describe('ConnectWise against a hostile server', () => {
  it.each([
    ['a 10-million-element array', 'huge-array'],
    ['an endless chain of new Link pages', 'endless-links'],
    ['a 500 MB body', 'huge-body'],
  ] as const)('ends %s as an invalid response', async (_name, mode) => {
    const error = await appErrorOf(fetchFrom(mode));
    expect(error.code).toBe('psa_invalid_response');
  });

  it('follows an endless chain only as far as /count allows', async () => {
    await appErrorOf(fetchFrom('endless-links'));
    // /count says 5: a page or two beyond is the margin, thousands would be the bug.
    expect(psa?.listRequests()).toBeLessThan(40);
  });

  it('ends a body dripped a byte a second at the timeout', async () => {
    const error = await appErrorOf(fetchFrom('drip', 1_500));
    expect(error.code).toBe('psa_timeout');
  });

  it('cuts a 100,000-character name to the cap and marks it cut', async () => {
    const [company] = await fetchFrom('long-name');
    expect(company?.name).toBe('L'.repeat(200));
    expect(company?.nameCut).toBe(true);
  });

  it('strips a NUL from a name', async () => {
    const [company] = await fetchFrom('nul-name');
    expect(company?.name).toBe('Acme Corp');
    expect(company?.nameCut).toBe(false);
  });
});
