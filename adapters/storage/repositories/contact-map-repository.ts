import type { Kysely } from 'kysely';
import type { ContactMapRepository } from '../../../src/ports/storage.js';
import type { DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { type LinkTable, listLinks, upsertLinks } from './link-map.js';

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
