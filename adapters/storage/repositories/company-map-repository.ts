import type { Kysely } from 'kysely';
import type { CompanyMapRepository } from '../../../src/ports/storage.js';
import type { DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { findLinks, type LinkTable, listLinks, upsertLinks } from './link-map.js';

const TABLE: LinkTable = {
  table: 'company_map',
  psaColumn: 'psa_company_id',
  managedColumn: 'managed_company_id',
};

export function companyMapRepository(db: Kysely<Database>, traits: DialectTraits): CompanyMapRepository {
  return {
    async list(integrationId) {
      return (await listLinks(db, TABLE, integrationId)).map((l) => ({
        psaCompanyId: l.psaId,
        managedCompanyId: l.managedId,
        lastImportedAt: l.lastImportedAt,
      }));
    },

    async findByPsaIds(integrationId, psaCompanyIds) {
      return (await findLinks(db, traits, TABLE, integrationId, psaCompanyIds)).map((l) => ({
        psaCompanyId: l.psaId,
        managedCompanyId: l.managedId,
        lastImportedAt: l.lastImportedAt,
      }));
    },

    async upsertMany(integrationId, links) {
      const rows = links.map((l) => ({
        psaId: l.psaCompanyId,
        managedId: l.managedCompanyId,
        lastImportedAt: l.lastImportedAt,
      }));
      await upsertLinks(db, traits, TABLE, integrationId, rows);
    },
  };
}
