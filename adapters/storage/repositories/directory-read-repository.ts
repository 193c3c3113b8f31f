import type { Kysely } from 'kysely';
import type { Provider } from '../../../src/domain/provider.js';
import type {
  CompanyRow,
  DirectoryReadRepository,
  ImportRow,
  PsaLinkRow,
  UserRow,
} from '../../../src/ports/directory-api.js';
import type { Database } from '../schema.js';
import { providerSchema, resultSchema, storedColumn, storedJson } from './row-schemas.js';

/*
 * The read API's queries. Pages are keyed by stable ids (imports: newest first by creation time,
 * then id), so a page never repeats or skips a row when others are added meanwhile. Runs are read
 * by their scalar columns only: their snapshot columns are not part of the API.
 */

function decodeCursor(cursor: string | null): string[] | null {
  if (cursor === null) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(parts) && parts.every((p) => typeof p === 'string') ? parts : [];
  } catch {
    return [];
  }
}

function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function pageOf<T>(rows: readonly T[], limit: number, key: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null };
}

/** A link's provider is its integration's: a damaged one names the integration. */
function linkProvider(row: { integration_id: string; provider: string }): Provider {
  return storedColumn(providerSchema, row.provider, `integration ${row.integration_id}`, 'provider');
}

interface LinkColumns {
  readonly managed_id: string;
  readonly psa_id: number;
  readonly integration_id: string;
  readonly provider: string;
  readonly last_imported_at: string;
}

/** Company and contact links alike, as the API shows them under their managed record's id. */
function byManagedId(rows: readonly LinkColumns[]): Map<string, PsaLinkRow[]> {
  const links = new Map<string, PsaLinkRow[]>();
  for (const row of rows) {
    const list = links.get(row.managed_id) ?? [];
    list.push({
      provider: linkProvider(row),
      psaId: Number(row.psa_id),
      lastImportedAt: row.last_imported_at,
    });
    links.set(row.managed_id, list);
  }
  return links;
}

async function companyLinks(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, PsaLinkRow[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('company_map as m')
    .innerJoin('integrations as i', 'i.id', 'm.integration_id')
    .select([
      'm.managed_company_id as managed_id',
      'm.psa_company_id as psa_id',
      'm.integration_id',
      'i.provider',
      'm.last_imported_at',
    ])
    .where('m.managed_company_id', 'in', ids)
    .orderBy('i.provider')
    .orderBy('m.psa_company_id')
    .execute();
  return byManagedId(rows);
}

async function userLinks(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, PsaLinkRow[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('contact_map as m')
    .innerJoin('integrations as i', 'i.id', 'm.integration_id')
    .select([
      'm.managed_user_id as managed_id',
      'm.psa_contact_id as psa_id',
      'm.integration_id',
      'i.provider',
      'm.last_imported_at',
    ])
    .where('m.managed_user_id', 'in', ids)
    .orderBy('i.provider')
    .orderBy('m.psa_contact_id')
    .execute();
  return byManagedId(rows);
}

type UserColumns = { id: string; company_id: string; email: string; display_name: string };

async function withUserLinks(db: Kysely<Database>, rows: readonly UserColumns[]): Promise<UserRow[]> {
  const links = await userLinks(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    email: r.email,
    displayName: r.display_name,
    psaLinks: links.get(r.id) ?? [],
  }));
}

export function directoryReadRepository(db: Kysely<Database>): DirectoryReadRepository {
  return {
    async companies(tenantId, cursor, limit) {
      const after = decodeCursor(cursor);
      let query = db
        .selectFrom('managed_companies')
        .select(['id', 'name', 'created_at'])
        .where('tenant_id', '=', tenantId);
      if (after !== null) query = query.where('id', '>', after[0] ?? '');
      const rows = await query
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => [r.id]);
      const links = await companyLinks(
        db,
        page.items.map((r) => r.id),
      );
      const items = page.items.map(
        (r): CompanyRow => ({
          id: r.id,
          name: r.name,
          createdAt: r.created_at,
          psaLinks: links.get(r.id) ?? [],
        }),
      );
      return { items, nextCursor: page.nextCursor };
    },

    async companyUsers(tenantId, companyId, cursor, limit) {
      const company = await db
        .selectFrom('managed_companies')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', companyId)
        .executeTakeFirst();
      if (company === undefined) return null;
      const after = decodeCursor(cursor);
      let query = db
        .selectFrom('managed_users')
        .select(['id', 'company_id', 'email', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where('company_id', '=', companyId);
      if (after !== null) query = query.where('id', '>', after[0] ?? '');
      const rows = await query
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => [r.id]);
      return { items: await withUserLinks(db, page.items), nextCursor: page.nextCursor };
    },

    async usersByEmail(tenantId, email) {
      const rows = await db
        .selectFrom('managed_users')
        .select(['id', 'company_id', 'email', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where('email_lower', '=', email.trim().toLowerCase())
        .execute();
      return withUserLinks(db, rows);
    },

    async imports(tenantId, cursor, limit) {
      const after = decodeCursor(cursor);
      let query = db
        .selectFrom('import_runs')
        .select([
          'id',
          'provider',
          'status',
          'requester_name',
          'approver_name',
          'created_at',
          'updated_at',
          'result',
        ])
        .where('tenant_id', '=', tenantId);
      if (after !== null) {
        const [createdAt = '', id = ''] = after;
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => [r.created_at, r.id]);
      const items = page.items.map(
        (r): ImportRow => ({
          id: r.id,
          provider: storedColumn(providerSchema, r.provider, `import ${r.id}`, 'provider'),
          status: r.status,
          requesterName: r.requester_name,
          approverName: r.approver_name,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          result:
            r.result === null ? null : { ...storedJson(resultSchema, r.result, `import ${r.id}`, 'result') },
        }),
      );
      return { items, nextCursor: page.nextCursor };
    },
  };
}
