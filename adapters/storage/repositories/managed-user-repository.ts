import type { Kysely, Selectable } from 'kysely';
import type { ManagedUser } from '../../../src/domain/directory.js';
import type { ManagedUserRepository } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database, ManagedUserTable } from '../schema.js';
import { lowerEmail } from '../text-fold.js';

const COLUMNS = 6;

type UserColumns = Pick<Selectable<ManagedUserTable>, 'id' | 'company_id' | 'email' | 'display_name'>;

function toUser(row: UserColumns): ManagedUser {
  return { id: row.id, companyId: row.company_id, email: row.email, displayName: row.display_name };
}

export function managedUserRepository(db: Kysely<Database>, traits: DialectTraits): ManagedUserRepository {
  const byTenant = (tenantId: string) =>
    db
      .selectFrom('managed_users')
      .select(['id', 'company_id', 'email', 'display_name'])
      .where('tenant_id', '=', tenantId)
      .orderBy('email_lower');

  return {
    async listAll(tenantId) {
      return (await byTenant(tenantId).execute()).map(toUser);
    },

    async listByCompany(tenantId, companyId) {
      return (await byTenant(tenantId).where('company_id', '=', companyId).execute()).map(toUser);
    },

    async get(tenantId, id) {
      const row = await byTenant(tenantId).where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },

    async getMany(tenantId, ids) {
      const found: ManagedUser[] = [];
      for (const chunk of chunkForParameters([...new Set(ids)], 1, traits, 1)) {
        const rows = await db
          .selectFrom('managed_users')
          .select(['id', 'company_id', 'email', 'display_name'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) found.push(toUser(row));
      }
      return found;
    },

    async findByEmails(tenantId, emails) {
      const wanted = [...new Set(emails.map(lowerEmail))];
      const found: ManagedUser[] = [];
      for (const chunk of chunkForParameters(wanted, 1, traits, 1)) {
        const rows = await byTenant(tenantId).where('email_lower', 'in', chunk).execute();
        for (const row of rows) found.push(toUser(row));
      }
      return found;
    },

    async insertMany(tenantId, users) {
      const rows = users.map((u) => ({
        id: u.id,
        tenant_id: tenantId,
        company_id: u.companyId,
        email: u.email,
        email_lower: lowerEmail(u.email),
        display_name: u.displayName,
      }));
      for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
        await db.insertInto('managed_users').values(chunk).execute();
      }
    },
  };
}
