import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * A run's rows become rows: the fetched companies, the companies not in the PSA and the contacts,
 * one row each with the default and the current decision as columns. Existing runs' JSON
 * snapshots (review, contacts, overrides) are carried into the rows, then the snapshot columns go.
 * Frozen once released; it imports only kysely, so the little it needs of the decision rules is
 * written out here as they were when it was written.
 */
export const runRows: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;
    const psaId = pg ? 'bigint' : 'integer';

    await db.schema
      .createTable('run_companies')
      .addColumn('run_id', text, (c) => c.notNull().references('import_runs.id'))
      .addColumn('psa_company_id', psaId, (c) => c.notNull())
      .addColumn('order_key', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('name_cut', 'integer', (c) => c.notNull())
      .addColumn('type_names', text, (c) => c.notNull())
      .addColumn('status_name', text)
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('psa_updated_at', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('mapped_id', text)
      .addColumn('mapped_name', text)
      .addColumn('candidates', text, (c) => c.notNull())
      .addColumn('single_candidate', text)
      .addColumn('last_imported_at', text)
      .addColumn('default_kind', text, (c) => c.notNull())
      .addColumn('default_target', text)
      .addColumn('decision_kind', text, (c) => c.notNull())
      .addColumn('decision_target', text)
      .addPrimaryKeyConstraint('run_companies_pk', ['run_id', 'psa_company_id'])
      .execute();
    await db.schema
      .createIndex('run_companies_order_ix')
      .on('run_companies')
      .columns(['run_id', 'order_key', 'psa_company_id'])
      .execute();

    // Covers the counts (a GROUP BY-like aggregate per click) without touching the table.
    await db.schema
      .createIndex('run_companies_tally_ix')
      .on('run_companies')
      .columns([
        'run_id',
        'status',
        'decision_kind',
        'decision_target',
        'default_kind',
        'default_target',
        'single_candidate',
      ])
      .execute();

    await db.schema
      .createTable('run_missing')
      .addColumn('run_id', text, (c) => c.notNull().references('import_runs.id'))
      .addColumn('psa_company_id', psaId, (c) => c.notNull())
      .addColumn('order_key', text, (c) => c.notNull())
      .addColumn('managed_company_id', text, (c) => c.notNull())
      .addColumn('managed_company_name', text, (c) => c.notNull())
      .addColumn('last_imported_at', text, (c) => c.notNull())
      .addColumn('cause', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('run_missing_pk', ['run_id', 'psa_company_id'])
      .execute();

    await db.schema
      .createTable('run_contacts')
      .addColumn('run_id', text, (c) => c.notNull().references('import_runs.id'))
      .addColumn('psa_contact_id', psaId, (c) => c.notNull())
      .addColumn('company_psa_id', psaId, (c) => c.notNull())
      .addColumn('order_key', text, (c) => c.notNull())
      .addColumn('first_name', text, (c) => c.notNull())
      .addColumn('last_name', text, (c) => c.notNull())
      .addColumn('emails', text, (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('type_names', text, (c) => c.notNull())
      .addColumn('type_key', text, (c) => c.notNull())
      .addColumn('company_name', text, (c) => c.notNull())
      .addColumn('email', text)
      .addColumn('linked_user_id', text)
      .addColumn('linked_user_email', text)
      .addColumn('same_email_user_id', text)
      .addColumn('same_email_user_email', text)
      .addColumn('ineligible', text)
      .addColumn('eligible', 'integer', (c) => c.notNull())
      .addColumn('target_company_id', text)
      .addColumn('default_kind', text, (c) => c.notNull())
      .addColumn('default_target', text)
      .addColumn('decision_kind', text, (c) => c.notNull())
      .addColumn('decision_target', text)
      .addPrimaryKeyConstraint('run_contacts_pk', ['run_id', 'psa_contact_id'])
      .execute();
    await db.schema
      .createIndex('run_contacts_order_ix')
      .on('run_contacts')
      .columns(['run_id', 'order_key', 'psa_contact_id'])
      .execute();
    await db.schema
      .createIndex('run_contacts_tally_ix')
      .on('run_contacts')
      .columns([
        'run_id',
        'eligible',
        'decision_kind',
        'linked_user_id',
        'decision_target',
        'default_kind',
        'default_target',
      ])
      .execute();
    await db.schema
      .createIndex('run_contacts_company_ix')
      .on('run_contacts')
      .columns(['run_id', 'company_psa_id', 'order_key', 'psa_contact_id'])
      .execute();

    await db.schema.alterTable('import_runs').addColumn('skipped', text).execute();
    await db.schema.alterTable('import_runs').addColumn('contact_types', text).execute();

    await carryOver(db, pg);

    for (const column of ['review', 'contacts', 'overrides']) {
      await db.schema.alterTable('import_runs').dropColumn(column).execute();
    }
  },
};

// Loose shapes of the 0001-era JSON: whatever is missing reads as absent.
interface OldDecision {
  kind?: string;
  companyId?: string;
  userId?: string;
}
interface OldReviewRow {
  company?: {
    psaId?: number;
    name?: string;
    typeNames?: string[];
    statusName?: string | null;
    active?: boolean;
    updatedAt?: string | null;
  };
  status?: string;
  mappedTo?: { id: string; name: string } | null;
  candidates?: { companyId: string; companyName: string; reason: string }[];
  lastImportedAt?: string | null;
}
interface OldMissingRow {
  psaCompanyId: number;
  managedCompanyId: string;
  managedCompanyName: string;
  lastImportedAt: string;
  cause: string;
  reason: string;
}
interface OldContactRow {
  contact?: {
    psaId?: number;
    companyPsaId?: number;
    firstName?: string;
    lastName?: string;
    emails?: string[];
    active?: boolean;
    typeNames?: string[];
  };
  companyName?: string;
  email?: string | null;
  linkedUser?: { id: string; email: string } | null;
  sameEmailUser?: { id: string; email: string } | null;
  ineligible?: unknown;
  targetCompanyId?: string | null;
}

const CHUNK = 500;
const orderKey = (index: number): string => String(index).padStart(10, '0');
const parse = <T>(textValue: unknown, fallback: T): T => {
  if (typeof textValue !== 'string') return fallback;
  try {
    return (JSON.parse(textValue) as T | null) ?? fallback;
  } catch {
    return fallback;
  }
};

function companyDefault(row: OldReviewRow): [string, string | null] {
  if (row.status === 'mapped') return ['keep', null];
  if (row.status === 'unmapped') return ['create', null];
  const only = row.candidates?.length === 1 ? row.candidates[0] : undefined;
  return only === undefined ? ['skip', null] : ['map', only.companyId];
}

function contactDefault(row: OldContactRow): [string, string | null] {
  if (row.ineligible != null || row.email == null) return ['skip', null];
  if (row.linkedUser != null) return ['grant', null];
  if (row.sameEmailUser != null) return ['map', row.sameEmailUser.id];
  return ['skip', null];
}

function current(
  override: OldDecision | undefined,
  fallback: [string, string | null],
): [string, string | null] {
  if (override?.kind === undefined) return fallback;
  return [override.kind, override.companyId ?? override.userId ?? null];
}

async function insertChunks(
  db: Kysely<unknown>,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    // biome-ignore lint/suspicious/noExplicitAny: the migration runs on the schema of its time.
    await (db as Kysely<any>)
      .insertInto(table)
      .values(rows.slice(start, start + CHUNK))
      .execute();
  }
}

/** One run at a time, so a database with many old runs never holds them all in memory. */
async function carryOver(db: Kysely<unknown>, pg: boolean): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: the migration runs on the schema of its time.
  const any = db as Kysely<any>;
  const ids: { id: string }[] = await any.selectFrom('import_runs').select('id').orderBy('id').execute();
  for (const { id } of ids) {
    const run = await any
      .selectFrom('import_runs')
      .select(['review', 'contacts', 'overrides'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const review = parse<{ inPsa?: OldReviewRow[]; notInPsa?: OldMissingRow[] }>(run.review, {});
    const contacts = parse<OldContactRow[]>(run.contacts, []);
    const overrides = parse<{ companies?: Record<string, OldDecision>; users?: Record<string, OldDecision> }>(
      run.overrides,
      {},
    );
    const companyRows = (review.inPsa ?? []).flatMap((row, index) => {
      const company = row.company;
      if (company?.psaId === undefined) return [];
      const fallback = companyDefault(row);
      const [kind, target] = current(overrides.companies?.[String(company.psaId)], fallback);
      const candidates = row.candidates ?? [];
      return [
        {
          run_id: id,
          psa_company_id: company.psaId,
          order_key: orderKey(index),
          name: company.name ?? '',
          name_cut: 0,
          type_names: JSON.stringify(company.typeNames ?? []),
          status_name: company.statusName ?? null,
          active: company.active === false ? 0 : 1,
          psa_updated_at: company.updatedAt ?? null,
          status: row.status ?? 'unmapped',
          mapped_id: row.mappedTo?.id ?? null,
          mapped_name: row.mappedTo?.name ?? null,
          candidates: JSON.stringify(candidates),
          single_candidate: candidates.length === 1 ? (candidates[0]?.companyId ?? null) : null,
          last_imported_at: row.lastImportedAt ?? null,
          default_kind: fallback[0],
          default_target: fallback[1],
          decision_kind: kind,
          decision_target: target,
        },
      ];
    });
    await insertChunks(db, 'run_companies', companyRows);
    const missingRows = (review.notInPsa ?? []).map((row, index) => ({
      run_id: id,
      psa_company_id: row.psaCompanyId,
      order_key: orderKey(index),
      managed_company_id: row.managedCompanyId,
      managed_company_name: row.managedCompanyName,
      last_imported_at: row.lastImportedAt,
      cause: row.cause,
      reason: row.reason,
    }));
    await insertChunks(db, 'run_missing', missingRows);
    const contactRows = contacts.flatMap((row, index) => {
      const contact = row.contact;
      if (contact?.psaId === undefined || contact.companyPsaId === undefined) return [];
      const fallback = contactDefault(row);
      const [kind, target] = current(overrides.users?.[String(contact.psaId)], fallback);
      const typeNames = contact.typeNames ?? [];
      return [
        {
          run_id: id,
          psa_contact_id: contact.psaId,
          company_psa_id: contact.companyPsaId,
          order_key: orderKey(index),
          first_name: contact.firstName ?? '',
          last_name: contact.lastName ?? '',
          emails: JSON.stringify(contact.emails ?? []),
          active: contact.active === false ? 0 : 1,
          type_names: JSON.stringify(typeNames),
          type_key: `|${typeNames.map((name) => name.toLowerCase().replaceAll('|', ' ')).join('|')}|`,
          company_name: row.companyName ?? '',
          email: row.email ?? null,
          linked_user_id: row.linkedUser?.id ?? null,
          linked_user_email: row.linkedUser?.email ?? null,
          same_email_user_id: row.sameEmailUser?.id ?? null,
          same_email_user_email: row.sameEmailUser?.email ?? null,
          ineligible: row.ineligible == null ? null : JSON.stringify(row.ineligible),
          eligible: row.ineligible == null && row.email != null ? 1 : 0,
          target_company_id: row.targetCompanyId ?? null,
          default_kind: fallback[0],
          default_target: fallback[1],
          decision_kind: kind,
          decision_target: target,
        },
      ];
    });
    await insertChunks(db, 'run_contacts', contactRows);
    if (contacts.length > 0) {
      const types = [...new Set(contacts.flatMap((row) => row.contact?.typeNames ?? []))].sort();
      await any
        .updateTable('import_runs')
        .set({ contact_types: JSON.stringify(types) })
        .where('id', '=', id)
        .execute();
    }
  }
  if (pg) await sql`analyze run_companies, run_contacts`.execute(db);
}
