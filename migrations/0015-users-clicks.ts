import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * Issue 8, users side: two clicks still read in proportion to the import.
 *
 * - The users overview pages the selected companies (`decision_kind <> 'skip'`) in review order
 *   with an OFFSET: over the order index SQLite read every skipped-past row from the table to test
 *   its decision. A partial index holds only the selected rows, with their decision, so the OFFSET
 *   steps over index entries alone.
 * - Submit looks for same-name groups among the rows that would create a company; grouping every
 *   create of the run by name grew with the import. `run_name_twins` holds the names that occur on
 *   two or more company rows of a run, kept by triggers as rows are inserted (or, were it ever
 *   changed, a name rewritten), so submit groups only those rows. It may hold a name whose twin
 *   has since gone: the check regroups the rows, so a stale name costs a lookup, never a wrong
 *   answer. Existing runs get their names once, here.
 *
 * Frozen once released; it imports only kysely.
 */
export const usersClicks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const runIdType = pg ? sql`text collate "C"` : sql`text`;

    // decision_kind too, so the page's condition is read from the index: the OFFSET never
    // touches the table.
    await sql`create index run_companies_selected_ix
      on run_companies (run_id, order_key, psa_company_id, decision_kind)
      where decision_kind <> 'skip'`.execute(db);

    await db.schema
      .createTable('run_name_twins')
      .addColumn('run_id', runIdType, (c) => c.notNull().references('import_runs.id'))
      // The type of run_companies.name_key (0010), so the join compares alike.
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_name_twins_pk', ['run_id', 'name_key'])
      .execute();
    await sql`insert into run_name_twins (run_id, name_key)
      select run_id, name_key from run_companies where name_key is not null
      group by run_id, name_key having count(*) > 1`.execute(db);

    if (pg) await postgresTriggers(db);
    else await sqliteTriggers(db);
  },
};

/** The rows `alias` names whose name another company row of the same run has too. */
const twinned = (alias: string): string => `${alias}.name_key is not null and exists (
  select 1 from run_companies other
  where other.run_id = ${alias}.run_id and other.name_key = ${alias}.name_key
    and other.psa_company_id <> ${alias}.psa_company_id)`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const body = `insert or ignore into run_name_twins (run_id, name_key)
    select new.run_id, new.name_key where ${twinned('new')};`;
  await sql
    .raw(`create trigger run_companies_twins_insert after insert on run_companies begin ${body} end`)
    .execute(db);
  await sql
    .raw(
      `create trigger run_companies_twins_update after update of name_key on run_companies begin ${body} end`,
    )
    .execute(db);
}

/**
 * PostgreSQL: a statement trigger over the inserted rows (a page of companies is one statement);
 * a rewritten name, which nothing does today, goes by a row trigger (a column list cannot take a
 * transition table), so a decision's UPDATE never fires either.
 */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function run_companies_twins_insert() returns trigger language plpgsql as $$ begin
        insert into run_name_twins (run_id, name_key)
          select distinct n.run_id, n.name_key from new_rows n where ${twinned('n')}
          on conflict do nothing;
        return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger run_companies_twins_insert after insert on run_companies
        referencing new table as new_rows for each statement execute function run_companies_twins_insert()`,
    )
    .execute(db);
  await sql
    .raw(
      `create function run_companies_twins_update() returns trigger language plpgsql as $$ begin
        insert into run_name_twins (run_id, name_key)
          select new.run_id, new.name_key where ${twinned('new')}
          on conflict do nothing;
        return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger run_companies_twins_update after update of name_key on run_companies
        for each row execute function run_companies_twins_update()`,
    )
    .execute(db);
}
