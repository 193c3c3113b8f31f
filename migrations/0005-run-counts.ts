import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * A run's counts are kept with its rows (issue 8): one `run_counts` row per run holds every tally
 * a view, a bulk offer or the submit check needs, and triggers change it in the same statement as
 * the rows (insert, a single or a bulk decision, a re-fetch deleting contacts). A click then reads
 * one row instead of aggregating the whole import. Existing runs get their counts computed once.
 * Frozen once released; it imports only kysely, so the conditions are written out as they are now.
 */

/** Each counter column and the condition a row meets to count in it (`true`: every row). */
const COMPANY_COUNTERS: readonly (readonly [string, string])[] = [
  ['companies_total', 'true'],
  ['companies_mapped', "status = 'mapped'"],
  ['companies_unmapped', "status = 'unmapped'"],
  ['companies_duplicates', "status = 'potential-duplicate'"],
  ['companies_create', "decision_kind = 'create'"],
  ['companies_map', "decision_kind = 'map'"],
  ['companies_unmap', "decision_kind = 'unmap-create'"],
  ['companies_keep', "decision_kind = 'keep'"],
  ['companies_skip', "decision_kind = 'skip'"],
  ['companies_offer_create', "status = 'unmapped' and decision_kind <> 'create'"],
  [
    'companies_offer_map',
    "status = 'potential-duplicate' and single_candidate is not null and not (decision_kind = 'map' and decision_target = single_candidate)",
  ],
  [
    'companies_offer_reset',
    "decision_kind <> default_kind or coalesce(decision_target, '') <> coalesce(default_target, '')",
  ],
];

const CONTACT_COUNTERS: readonly (readonly [string, string])[] = [
  ['contacts_total', 'true'],
  ['contacts_ineligible', 'eligible = 0'],
  ['contacts_skip', "eligible = 1 and decision_kind = 'skip'"],
  ['contacts_map', "eligible = 1 and decision_kind = 'map'"],
  ['contacts_keep', "eligible = 1 and decision_kind = 'grant' and linked_user_id is not null"],
  [
    'contacts_grant',
    "eligible = 1 and ((decision_kind = 'grant' and linked_user_id is null) or decision_kind = 'unmap-create')",
  ],
  ['contacts_not_skipped', "decision_kind <> 'skip'"],
  [
    'contacts_reset',
    "decision_kind <> default_kind or coalesce(decision_target, '') <> coalesce(default_target, '')",
  ],
];

interface Counted {
  readonly table: 'run_companies' | 'run_contacts';
  readonly counters: readonly (readonly [string, string])[];
}

const COUNTED: readonly Counted[] = [
  { table: 'run_companies', counters: COMPANY_COUNTERS },
  { table: 'run_contacts', counters: CONTACT_COUNTERS },
];

const COLUMN =
  /\b(status|decision_kind|decision_target|default_kind|default_target|single_candidate|eligible|linked_user_id)\b/g;

/** The condition over the row `alias` (a trigger's new/old row, a transition table's row). */
const of = (condition: string, alias: string): string => condition.replaceAll(COLUMN, `${alias}.$1`);

const ones = (condition: string, alias: string): string =>
  `(case when ${of(condition, alias)} then 1 else 0 end)`;

export const runCounts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;

    let table = db.schema
      .createTable('run_counts')
      .addColumn('run_id', text, (c) => c.primaryKey().references('import_runs.id'));
    for (const { counters } of COUNTED) {
      for (const [column] of counters) {
        table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
      }
    }
    await table.execute();

    // Existing runs: counted once from their rows.
    await sql`insert into run_counts (run_id) select id from import_runs`.execute(db);
    for (const { table: rows, counters } of COUNTED) {
      const sets = counters
        .map(
          ([column, condition]) =>
            `${column} = (select count(*) from ${rows} r where r.run_id = run_counts.run_id and (${of(condition, 'r')}))`,
        )
        .join(', ');
      await sql.raw(`update run_counts set ${sets}`).execute(db);
    }

    for (const counted of COUNTED) {
      if (pg) await postgresTriggers(db, counted);
      else await sqliteTriggers(db, counted);
    }
    // The aggregates these covered are gone; left in place they only slow every write, and they
    // lured SQLite away from the company index for a bulk decision on one company.
    await db.schema.dropIndex('run_companies_tally_ix').execute();
    await db.schema.dropIndex('run_contacts_tally_ix').execute();
  },
};

/**
 * SQLite has row triggers only: each changed row moves its run's counters, in one UPDATE. The
 * update trigger fires only for the columns the counts read (not, say, a new review order).
 */
async function sqliteTriggers(db: Kysely<unknown>, { table, counters }: Counted): Promise<void> {
  const change = (terms: (condition: string) => string, alias: 'new' | 'old'): string =>
    `update run_counts set ${counters
      .map(([column, condition]) => `${column} = ${column} ${terms(condition)}`)
      .join(', ')} where run_id = ${alias}.run_id;`;
  const ensure = 'insert or ignore into run_counts (run_id) values (new.run_id);';
  const read = [...new Set(counters.flatMap(([, condition]) => condition.match(COLUMN) ?? []))];
  await sql
    .raw(
      `create trigger ${table}_count_insert after insert on ${table} begin ${ensure} ${change((c) => `+ ${ones(c, 'new')}`, 'new')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_count_delete after delete on ${table} begin ${change((c) => `- ${ones(c, 'old')}`, 'old')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_count_update after update of ${read.join(', ')} on ${table} begin ${change((c) => `- ${ones(c, 'old')} + ${ones(c, 'new')}`, 'new')} end`,
    )
    .execute(db);
}

/**
 * PostgreSQL: statement triggers over the transition tables, so a bulk decision or a page of
 * inserts moves the counters once per statement, not once per row.
 */
async function postgresTriggers(db: Kysely<unknown>, { table, counters }: Counted): Promise<void> {
  const delta = (rows: string, sign: '+' | '-'): string => `
    update run_counts c set ${counters.map(([column]) => `${column} = c.${column} ${sign} d.${column}`).join(', ')}
    from (select run_id, ${counters
      .map(([column, condition]) => `sum(${ones(condition, 'x')}) as ${column}`)
      .join(', ')} from ${rows} x group by run_id) d
    where c.run_id = d.run_id;`;
  const ensure = (rows: string): string =>
    `insert into run_counts (run_id) select distinct run_id from ${rows} on conflict do nothing;`;
  const bodies = {
    insert: `${ensure('new_rows')} ${delta('new_rows', '+')}`,
    delete: delta('old_rows', '-'),
    update: `${ensure('new_rows')} ${delta('old_rows', '-')} ${delta('new_rows', '+')}`,
  };
  const referencing = {
    insert: 'new table as new_rows',
    delete: 'old table as old_rows',
    update: 'old table as old_rows new table as new_rows',
  };
  for (const op of ['insert', 'delete', 'update'] as const) {
    const name = `${table}_count_${op}`;
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin ${bodies[op]} return null; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${name} after ${op} on ${table} referencing ${referencing[op]} for each statement execute function ${name}()`,
      )
      .execute(db);
  }
}
