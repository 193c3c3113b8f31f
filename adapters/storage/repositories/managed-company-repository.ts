import { type Kysely, type Selectable, sql } from 'kysely';
import type { ManagedCompany } from '../../../src/domain/directory.js';
import type { ManagedCompanyRepository } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database, ManagedCompanyTable } from '../schema.js';
import { containsPattern, foldText } from '../text-fold.js';

const COLUMNS = 5;

function toCompany(row: Pick<Selectable<ManagedCompanyTable>, 'id' | 'name' | 'created_at'>): ManagedCompany {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export function managedCompanyRepository(
  db: Kysely<Database>,
  traits: DialectTraits,
): ManagedCompanyRepository {
  const byTenant = (tenantId: string) =>
    db
      .selectFrom('managed_companies')
      .select(['id', 'name', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('name_folded')
      .orderBy('name')
      .orderBy('id');

  const matching = (text: string) =>
    sql<boolean>`name_folded like ${containsPattern(foldText(text))} escape '\\'`;

  return {
    async listAll(tenantId) {
      return (await byTenant(tenantId).execute()).map(toCompany);
    },

    async get(tenantId, id) {
      const row = await db
        .selectFrom('managed_companies')
        .select(['id', 'name', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toCompany(row) : null;
    },

    async getMany(tenantId, ids) {
      const found: ManagedCompany[] = [];
      for (const chunk of chunkForParameters([...new Set(ids)], 1, traits, 1)) {
        const rows = await db
          .selectFrom('managed_companies')
          .select(['id', 'name', 'created_at'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) found.push(toCompany(row));
      }
      return found;
    },

    async search(tenantId, text, limit) {
      const rows = await byTenant(tenantId)
        .where(matching(text))
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toCompany);
    },

    async searchPage(tenantId, text, offset, limit) {
      const rows = await byTenant(tenantId)
        .where(matching(text))
        .offset(Math.max(0, Math.floor(offset)))
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toCompany);
    },

    async countMatching(tenantId, text) {
      const row = await db
        .selectFrom('managed_companies')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where(matching(text))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertMany(tenantId, companies) {
      const rows = companies.map((c) => ({
        id: c.id,
        tenant_id: tenantId,
        name: c.name,
        name_folded: foldText(c.name),
        created_at: c.createdAt,
      }));
      for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
        await db.insertInto('managed_companies').values(chunk).execute();
      }
    },

    async count(tenantId) {
      const row = await db
        .selectFrom('managed_companies')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
