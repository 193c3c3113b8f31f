import type { Kysely } from 'kysely';
import type { CompanyDomainRecord, CompanyDomainRepository } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';

const COLUMNS = 5;

function toRecord(row: { company_id: string; domain: string; source: string }): CompanyDomainRecord {
  if (row.source !== 'csv' && row.source !== 'chat')
    throw new Error(`stored company domain source is invalid: ${JSON.stringify(row.source)}`);
  return { companyId: row.company_id, domain: row.domain, source: row.source };
}

export function companyDomainRepository(
  db: Kysely<Database>,
  traits: DialectTraits,
): CompanyDomainRepository {
  const byTenant = (tenantId: string) =>
    db
      .selectFrom('company_domains')
      .select(['company_id', 'domain', 'source'])
      .where('tenant_id', '=', tenantId)
      .orderBy('company_id')
      .orderBy('domain');

  return {
    async listAll(tenantId) {
      return (await byTenant(tenantId).execute()).map(toRecord);
    },

    async listByCompany(tenantId, companyId) {
      return (await byTenant(tenantId).where('company_id', '=', companyId).execute()).map(toRecord);
    },

    async add(tenantId, records, at) {
      const rows = records.map((record) => ({
        tenant_id: tenantId,
        company_id: record.companyId,
        domain: record.domain,
        source: record.source,
        added_at: at,
      }));
      for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
        await db
          .insertInto('company_domains')
          .values(chunk)
          .onConflict((conflict) => conflict.columns(['tenant_id', 'company_id', 'domain']).doNothing())
          .execute();
      }
    },

    async remove(tenantId, companyId, domain) {
      const result = await db
        .deleteFrom('company_domains')
        .where('tenant_id', '=', tenantId)
        .where('company_id', '=', companyId)
        .where('domain', '=', domain)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
