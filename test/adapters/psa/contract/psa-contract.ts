/**
 * The PsaSession contract: one set of tests every provider (against its sandbox) and the core
 * tests' in-memory fake must pass. A target says what its PSA holds (the truth), how to make it
 * fail in each way, and how to open sessions; the tests check the behaviour the core relies on.
 *
 *   describePsaContract(connectWiseTarget());
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageFor } from '../../../../adapters/chat/shared/error-messages.js';
import { type AppError, type ErrorCode, isAppError } from '../../../../src/domain/errors.js';
import type { CompanyFilter, PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import type { FetchOutcome, FetchProgress, PageSink, PsaSession } from '../../../../src/ports/psa-gateway.js';

/** The failures every provider reports the same way, each with its user-facing code. */
export const FAILURES = {
  'wrong credentials': 'psa_auth_failed',
  'server error (5xx)': 'psa_server_error',
  'forbidden (403)': 'psa_forbidden',
  'unexpected data': 'psa_invalid_response',
  'rate limited past a long Retry-After': 'psa_rate_limited',
  'no answer in time': 'psa_timeout',
  'nobody listening': 'psa_unreachable',
} as const satisfies Record<string, ErrorCode>;
export type Failure = keyof typeof FAILURES;

/** DESIGN.md section 6: the seed's words, word for word. */
const SEED_WORDS: Partial<Record<ErrorCode, string>> = {
  psa_server_error: 'We received a server error from your PSA provider',
  psa_auth_failed: 'Authentication error. Check your credentials for your PSA provider and try again',
  psa_forbidden: 'We received a Forbidden error from your PSA provider',
  psa_invalid_response: 'We received an invalid response from your PSA provider',
};

export interface ContractTruth {
  /** Ids the filter "everything" selects (never deleted ones, never the MSP's own). */
  readonly everything: readonly number[];
  /** Ids of active companies. */
  readonly active: readonly number[];
  /** Contact ids of these companies that the provider hands over. */
  contactsOf(companyIds: readonly number[]): readonly number[];
  /** An id the PSA has never had. */
  readonly absentId: number;
  /** An inactive company (filtered out by "active only"). */
  readonly inactiveId: number;
  /** A company in the recycle bin, for PSAs that have one. */
  readonly deletedId?: number;
}

export interface ContractTarget {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  truth(): ContractTruth;
  open(): PsaSession;
  /** A session that meets the failure on its first fetch. */
  failing(failure: Failure): PsaSession;
  clearFaults(): void;
  /** A value that must never appear in an error (a secret of the credentials). */
  readonly secret: string;
  /** Whether progress reports carry the total (a count endpoint or a record_count). */
  readonly knowsTotals: boolean;
}

export const EVERYTHING: CompanyFilter = { typeIds: [], statusIds: [], activeOnly: false };
export const ACTIVE: CompanyFilter = { typeIds: [], statusIds: [], activeOnly: true };

const ignore = () => {};

/** Runs a fetch with a sink that checks the pages come one at a time; returns records and outcome. */
async function collect<T>(
  fetch: (sink: PageSink<T>) => Promise<FetchOutcome>,
): Promise<{ readonly records: T[]; readonly outcome: FetchOutcome }> {
  const records: T[] = [];
  let inSink = 0;
  const outcome = await fetch(async (page) => {
    inSink += 1;
    expect(inSink).toBe(1);
    expect(page.length).toBeGreaterThan(0);
    // A sink that takes its time (a database write): the fetch must wait for it.
    await new Promise((resolve) => setTimeout(resolve, 1));
    records.push(...page);
    inSink -= 1;
  });
  expect(outcome.records).toBe(records.length);
  expect(outcome.skippedCount).toBeGreaterThanOrEqual(outcome.skipped.length);
  expect(outcome.skipped.length).toBeLessThanOrEqual(20);
  return { records, outcome };
}

async function companiesOf(
  session: PsaSession,
  filter: CompanyFilter,
  onProgress: (p: FetchProgress) => void = ignore,
): Promise<PsaCompany[]> {
  return (await collect<PsaCompany>((sink) => session.fetchCompanies(filter, onProgress, sink))).records;
}

async function contactsOf(
  session: PsaSession,
  ids: readonly number[],
  onProgress: (p: FetchProgress) => void = ignore,
): Promise<PsaContact[]> {
  return (await collect<PsaContact>((sink) => session.fetchContacts(ids, onProgress, sink))).records;
}

const ids = (companies: readonly PsaCompany[]) => companies.map((c) => c.psaId).sort((a, b) => a - b);
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function checkProgress(
  events: readonly FetchProgress[],
  phase: FetchProgress['phase'],
  knowsTotals: boolean,
) {
  expect(events.length).toBeGreaterThan(0);
  expect(events.every((e) => e.phase === phase)).toBe(true);
  for (const [i, event] of events.entries()) {
    expect(Number.isInteger(event.done) && event.done >= 0).toBe(true);
    expect(event.total === null || (Number.isInteger(event.total) && event.total >= 0)).toBe(true);
    if (i > 0) expect(event.done).toBeGreaterThanOrEqual(events[i - 1]?.done ?? 0);
  }
  const last = events.at(-1);
  if (knowsTotals) {
    expect(last?.total).not.toBeNull();
    expect(last?.done).toBe(last?.total);
  } else {
    expect(events.every((e) => e.total === null)).toBe(true);
  }
}

export function describePsaContract(target: ContractTarget): void {
  describe(`PsaSession contract: ${target.name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.stop());
    afterEach(() => target.clearFaults());

    it('tests the connection and offers filter choices', async () => {
      const session = target.open();
      await session.testConnection();
      const options = await session.filterOptions();
      expect(options.types.length).toBeGreaterThan(0);
      for (const choice of [...options.types, ...options.statuses]) {
        expect(choice.id).not.toBe('');
        expect(choice.name.trim()).not.toBe('');
      }
    });

    it('pages to the end: every company the filter selects, each once', async () => {
      const events: FetchProgress[] = [];
      const session = target.open();
      const companies = await companiesOf(session, EVERYTHING, (p) => events.push(p));
      expect(ids(companies)).toEqual(sorted(target.truth().everything));
      expect(new Set(ids(companies)).size).toBe(companies.length);
      expect(companies.every((c) => c.name !== '' && c.name === c.name.trim())).toBe(true);
      checkProgress(events, 'companies', target.knowsTotals);
      expect(session.requestCount()).toBeGreaterThan(0);
    });

    it('applies "active only", and a type choice narrows to the companies of that type', async () => {
      const session = target.open();
      const active = await companiesOf(session, ACTIVE);
      expect(ids(active)).toEqual(sorted(target.truth().active));
      expect(active.every((c) => c.active)).toBe(true);
      const all = await companiesOf(session, EVERYTHING);
      const { types } = await session.filterOptions();
      const narrowing = types.find((choice) => {
        const n = all.filter((c) => c.typeNames.includes(choice.name)).length;
        return n > 0 && n < all.length;
      });
      expect(narrowing).toBeDefined();
      if (narrowing === undefined) return;
      const typed = await companiesOf(session, { ...EVERYTHING, typeIds: [narrowing.id] });
      expect(ids(typed)).toEqual(ids(all.filter((c) => c.typeNames.includes(narrowing.name))));
    });

    it('fetches the contacts of the selected companies only, with progress', async () => {
      const session = target.open();
      const all = sorted(target.truth().everything);
      const selected = all.filter((_, i) => i % 3 === 0);
      const events: FetchProgress[] = [];
      const contacts = await contactsOf(session, selected, (p) => events.push(p));
      expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(
        sorted(target.truth().contactsOf(selected)),
      );
      const chosen = new Set(selected);
      expect(contacts.every((c) => chosen.has(c.companyPsaId))).toBe(true);
      expect(contacts.every((c) => c.emails.every((e) => e.trim() !== ''))).toBe(true);
      expect(events.every((e) => e.phase === 'contacts')).toBe(true);
      expect(await contactsOf(session, [])).toEqual([]);
      expect(new Set(contacts.map((c) => c.psaId)).size).toBe(contacts.length);
    });

    it('explains missing companies: gone, filtered out, or in the recycle bin', async () => {
      const truth = target.truth();
      const wanted = [
        truth.absentId,
        truth.inactiveId,
        ...(truth.deletedId === undefined ? [] : [truth.deletedId]),
      ];
      const causes = await target.open().explainMissing(wanted, ACTIVE);
      expect(causes.get(truth.absentId)).toBe('not-found');
      expect(causes.get(truth.inactiveId)).toBe('filtered-out');
      if (truth.deletedId !== undefined) expect(causes.get(truth.deletedId)).toBe('deleted');
    });

    for (const [failure, code] of Object.entries(FAILURES) as [Failure, ErrorCode][]) {
      it(`reports "${failure}" as ${code}, in the seed's words, without the secret`, async () => {
        const error = await failureOf(companiesOf(target.failing(failure), EVERYTHING));
        expect(error.code).toBe(code);
        const seed = SEED_WORDS[code];
        if (seed !== undefined) expect(messageFor(error.code, error.details).text).toBe(seed);
        if (code === 'psa_rate_limited') expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
        const shown = `${error.message} ${JSON.stringify(error.details)} ${String(error.cause ?? '')}`;
        expect(shown).not.toContain(target.secret);
      });
    }
  });
}
