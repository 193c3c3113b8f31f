import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Whether any integration holds sealed credentials: then the key that sealed them must not be
 * replaced by a fresh one (boot refuses to generate a key file over them).
 */
export async function hasSealedCredentials(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('integrations').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
