import type { Kysely } from 'kysely';
import type { DedupeRepository } from '../../../src/ports/storage.js';
import type { Database } from '../schema.js';

export function dedupeRepository(db: Kysely<Database>): DedupeRepository {
  return {
    async claim(key, now, expiresAt) {
      // Inserts a new key, or takes over an expired one; a live key makes the upsert match nothing.
      const row = await db
        .insertInto('dedupe_keys')
        .values({ key, expires_at: expiresAt })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') }))
            .where('dedupe_keys.expires_at', '<=', now),
        )
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },

    async purgeExpired(now) {
      const result = await db.deleteFrom('dedupe_keys').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
