/**
 * Records as the ConnectWise 2026.4 spec allows them (`psa-specs/connectwise-openapi-get-2026.4.json`):
 * nullable references and reference ids, ids over the whole int32 range; and a malformed record
 * among good ones is skipped and reported while the rest come through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPsaGateway } from '../../../../adapters/psa/gateway.js';
import {
  type HostileConnectWise,
  startHostileConnectWise,
} from '../../../../adapters/psa/sandbox/hostile/hostile-connectwise.js';
import type { CompanyFilter, PsaCompany } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { gatherWithOutcome } from '../shared/gather.js';

const INT32_MAX = 2_147_483_647;
const ALL: CompanyFilter = { typeIds: [], statusIds: [], activeOnly: false };
let psa: HostileConnectWise | null = null;

afterEach(async () => {
  await psa?.close();
  psa = null;
});

async function serve(records: readonly unknown[], filter = ALL) {
  psa = await startHostileConnectWise('records', records);
  const session = createPsaGateway({ timeoutMs: 5_000, maxAttempts: 1 }).open(
    'connectwise',
    new Secret(psa.credentials),
  );
  return gatherWithOutcome<PsaCompany>((sink) => session.fetchCompanies(filter, () => {}, sink));
}

describe('ConnectWise records the spec allows', () => {
  it('imports null references, null reference ids and ids up to 2,147,483,647', async () => {
    const { records, outcome } = await serve([
      {
        id: INT32_MAX,
        identifier: null,
        name: 'Max Id Co',
        status: { id: null, name: null },
        types: [{ id: null }],
      },
      { id: 1_000_000_000, identifier: 'B', name: 'Billion Co', status: null, types: null, _info: null },
      { id: 3, identifier: 'C', name: 'Sparse Co' },
    ]);
    expect(outcome.skippedCount).toBe(0);
    expect(records.map((c) => [c.psaId, c.name, c.statusName, c.typeNames])).toEqual([
      [INT32_MAX, 'Max Id Co', null, []],
      [1_000_000_000, 'Billion Co', null, []],
      [3, 'Sparse Co', null, []],
    ]);
  });

  it('takes filter ids of 1,000,000,000 and more', async () => {
    const filter = { typeIds: [String(INT32_MAX)], statusIds: ['1000000000'], activeOnly: false };
    const { records } = await serve([{ id: 1, identifier: 'A', name: 'A Co' }], filter);
    expect(records.map((c) => c.psaId)).toEqual([1]);
  });

  it('skips and reports one bad record among 1,000 while the other 999 come through', async () => {
    const rows: unknown[] = Array.from({ length: 1_000 }, (_, i) => ({
      id: i + 1,
      identifier: `C${i + 1}`,
      name: `Company ${i + 1}`,
    }));
    rows[416] = { id: 417, identifier: 'C417', name: 'Odd Co', status: 'active' };
    const { records, outcome } = await serve(rows);
    expect(records).toHaveLength(999);
    expect(records.some((c) => c.psaId === 417)).toBe(false);
    expect(outcome).toEqual({
      records: 999,
      skippedCount: 1,
      skipped: [{ entity: 'company', psaId: 417, reason: 'unexpected data in status' }],
    });
  });

  it('skips a record without a usable id or name, naming it by id when it has one', async () => {
    const { records, outcome } = await serve([
      { id: 1, identifier: 'A', name: 'Good Co' },
      { id: 'x', identifier: 'B', name: 'No Id Co' },
      { id: 2, identifier: 'C', name: '\u0000 \u202e' },
      { id: 3, identifier: 'D' },
    ]);
    expect(records.map((c) => c.psaId)).toEqual([1]);
    expect(outcome.skipped).toEqual([
      { entity: 'company', psaId: null, reason: 'unexpected data in id' },
      { entity: 'company', psaId: 3, reason: 'unexpected data in name' },
      { entity: 'company', psaId: 2, reason: 'no name' },
    ]);
  });
});
