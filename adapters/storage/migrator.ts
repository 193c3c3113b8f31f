import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.js';

/** The explicit list from `migrations/index.ts`; works the same from sources and from `dist/`. */
const staticProvider = (migrations: Readonly<Record<string, Migration>>): MigrationProvider => ({
  getMigrations: async () => ({ ...migrations }),
});

export class MigrationError extends Error {
  readonly migrationName: string | null;

  constructor(migrationName: string | null, cause: unknown) {
    super(migrationName ? `migration ${migrationName} failed` : 'migrations failed', { cause });
    this.name = 'MigrationError';
    this.migrationName = migrationName;
  }
}

/**
 * Runs every pending migration, each in its own transaction where the dialect allows, and returns
 * the names that ran (empty when the schema was already current). Concurrent callers are
 * serialized by kysely's migration lock.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticProvider(migrations),
    ...(await migrationTableSchema(db)),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName ?? null, error);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * On PostgreSQL, the schema the tables go to (the first of search_path). Kysely otherwise takes a
 * migration table in any schema of the database for ours and then cannot find it.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema.
async function migrationTableSchema(db: Kysely<any>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
