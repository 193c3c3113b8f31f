import { type Kysely, sql } from 'kysely';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import { lastPerKey } from '../last-per-key.js';
import type { Database } from '../schema.js';

/** The two map tables have the same shape; only the names of the id columns differ. */
export interface LinkTable {
  readonly table: 'company_map' | 'contact_map';
  readonly psaColumn: 'psa_company_id' | 'psa_contact_id';
  readonly managedColumn: 'managed_company_id' | 'managed_user_id';
}

export interface LinkRow {
  readonly psaId: number;
  readonly managedId: string;
  readonly lastImportedAt: string;
}

const COLUMNS = 4;

/** The link columns under one set of names, whichever table (companies or contacts) they come from. */
function selectLinks(db: Kysely<Database>, spec: LinkTable, integrationId: string) {
  return db
    .selectFrom(spec.table)
    .select([
      sql.ref<number>(spec.psaColumn).as('psa_id'),
      sql.ref<string>(spec.managedColumn).as('managed_id'),
      'last_imported_at',
    ])
    .where('integration_id', '=', integrationId);
}

function linkOf(r: { psa_id: number; managed_id: string; last_imported_at: string }): LinkRow {
  return { psaId: Number(r.psa_id), managedId: r.managed_id, lastImportedAt: r.last_imported_at };
}

export async function listLinks(
  db: Kysely<Database>,
  spec: LinkTable,
  integrationId: string,
): Promise<LinkRow[]> {
  const rows = await selectLinks(db, spec, integrationId).orderBy('psa_id').execute();
  return rows.map(linkOf);
}

/** The links of these PSA ids that exist, in no particular order. */
export async function findLinks(
  db: Kysely<Database>,
  traits: DialectTraits,
  spec: LinkTable,
  integrationId: string,
  psaIds: readonly number[],
): Promise<LinkRow[]> {
  const found: LinkRow[] = [];
  for (const chunk of chunkForParameters([...new Set(psaIds)], 1, traits, 1)) {
    const rows = await selectLinks(db, spec, integrationId)
      .where(sql.ref(spec.psaColumn), 'in', chunk)
      .execute();
    found.push(...rows.map(linkOf));
  }
  return found;
}

/** Insert or replace the link of each PSA id; a PSA id repeated in `links` keeps its last link. */
export async function upsertLinks(
  db: Kysely<Database>,
  traits: DialectTraits,
  spec: LinkTable,
  integrationId: string,
  links: readonly LinkRow[],
): Promise<void> {
  const rows = lastPerKey(links, (l) => l.psaId).map((l) => ({
    integration_id: integrationId,
    [spec.psaColumn]: l.psaId,
    [spec.managedColumn]: l.managedId,
    last_imported_at: l.lastImportedAt,
  }));
  for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
    await db
      .insertInto(spec.table)
      // The computed keys are exactly the spec's columns; TypeScript cannot follow that.
      .values(chunk as never)
      .onConflict((oc) =>
        oc.columns(['integration_id', spec.psaColumn] as never).doUpdateSet({
          [spec.managedColumn]: sql.ref(`excluded.${spec.managedColumn}`),
          last_imported_at: sql.ref('excluded.last_imported_at'),
        } as never),
      )
      .execute();
  }
}
