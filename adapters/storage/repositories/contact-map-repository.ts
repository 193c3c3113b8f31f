import type { Kysely } from 'kysely';
import type { ContactMapRepository } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { findLinks, type LinkTable, listLinks, upsertLinks } from './link-map.js';

const TABLE: LinkTable = {
  table: 'contact_map',
  psaColumn: 'psa_contact_id',
  managedColumn: 'managed_user_id',
};

export function contactMapRepository(db: Kysely<Database>, traits: DialectTraits): ContactMapRepository {
  return {
    async list(integrationId) {
      return (await listLinks(db, TABLE, integrationId)).map((l) => ({
        psaContactId: l.psaId,
        managedUserId: l.managedId,
        lastImportedAt: l.lastImportedAt,
      }));
    },

    async findByPsaIds(integrationId, psaContactIds) {
      return (await findLinks(db, traits, TABLE, integrationId, psaContactIds)).map((l) => ({
        psaContactId: l.psaId,
        managedUserId: l.managedId,
        lastImportedAt: l.lastImportedAt,
      }));
    },

    async countNotFetched(integrationId, runId, companyIds) {
      let total = 0;
      for (const chunk of chunkForParameters([...new Set(companyIds)], 1, traits, 2)) {
        const row = await db
          .selectFrom('contact_map')
          .innerJoin('managed_users', 'managed_users.id', 'contact_map.managed_user_id')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('contact_map.integration_id', '=', integrationId)
          .where('managed_users.company_id', 'in', chunk)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('run_contacts')
                  .select('run_contacts.psa_contact_id')
                  .where('run_contacts.run_id', '=', runId)
                  .whereRef('run_contacts.psa_contact_id', '=', 'contact_map.psa_contact_id'),
              ),
            ),
          )
          .executeTakeFirstOrThrow();
        total += Number(row.n);
      }
      return total;
    },

    async upsertMany(integrationId, links) {
      const rows = links.map((l) => ({
        psaId: l.psaContactId,
        managedId: l.managedUserId,
        lastImportedAt: l.lastImportedAt,
      }));
      await upsertLinks(db, traits, TABLE, integrationId, rows);
    },
  };
}
