import type { Kysely } from 'kysely';
import type { CompanyTotals, ContactTotals } from '../../../src/ports/storage.js';
import type { Database, RunCountsTable } from '../schema.js';

const NONE: Omit<RunCountsTable, 'run_id'> = {
  companies_total: 0,
  companies_mapped: 0,
  companies_unmapped: 0,
  companies_duplicates: 0,
  companies_create: 0,
  companies_map: 0,
  companies_unmap: 0,
  companies_keep: 0,
  companies_skip: 0,
  companies_offer_create: 0,
  companies_offer_map: 0,
  companies_offer_reset: 0,
  contacts_total: 0,
  contacts_ineligible: 0,
  contacts_skip: 0,
  contacts_map: 0,
  contacts_keep: 0,
  contacts_grant: 0,
  contacts_not_skipped: 0,
  contacts_reset: 0,
};

// PostgreSQL returns integer columns as numbers, but sums may come back as strings: normalise.
const n = (value: unknown): number => Number(value ?? 0);

/** A run's tallies: one row, kept by the triggers of migration 0005 with every change to its rows. */
export function runCounts(db: Kysely<Database>) {
  return {
    async totals(runId: string): Promise<{ companies: CompanyTotals; contacts: ContactTotals }> {
      const row =
        (await db.selectFrom('run_counts').selectAll().where('run_id', '=', runId).executeTakeFirst()) ??
        NONE;
      const companiesSelected = n(row.companies_total) - n(row.companies_skip);
      return {
        companies: {
          total: n(row.companies_total),
          mapped: n(row.companies_mapped),
          unmapped: n(row.companies_unmapped),
          duplicates: n(row.companies_duplicates),
          selected: companiesSelected,
          counts: {
            companiesCreate: n(row.companies_create),
            companiesMap: n(row.companies_map),
            companiesUnmap: n(row.companies_unmap),
            companiesKeep: n(row.companies_keep),
            companiesSkip: n(row.companies_skip),
          },
          offers: {
            'create-all-unmapped': n(row.companies_offer_create),
            'map-all-single-candidates': n(row.companies_offer_map),
            'skip-all': companiesSelected,
            reset: n(row.companies_offer_reset),
          },
        },
        contacts: {
          total: n(row.contacts_total),
          counts: {
            usersGrant: n(row.contacts_grant),
            usersKeep: n(row.contacts_keep),
            usersMap: n(row.contacts_map),
            usersSkip: n(row.contacts_skip),
            usersIneligible: n(row.contacts_ineligible),
          },
          offers: {
            'grant-all-eligible': n(row.contacts_skip),
            'skip-all': n(row.contacts_not_skipped),
            reset: n(row.contacts_reset),
          },
        },
      };
    },
  };
}
