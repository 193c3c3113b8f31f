import { type Kysely, sql } from 'kysely';
import type { Lease, LeaseRepository } from '../../../src/ports/storage.js';
import type { Database, LeaseTable } from '../schema.js';

/** A released lease keeps its row (so tokens keep growing) with no holder and a past expiry. */
const FREE_HOLDER = '';
const FREE_EXPIRY = '1970-01-01T00:00:00.000Z';

function toLease(row: LeaseTable): Lease {
  return { key: row.key, holder: row.holder, token: Number(row.token), expiresAt: row.expires_at };
}

export function leaseRepository(db: Kysely<Database>): LeaseRepository {
  return {
    async acquire(key, holder, expiresAt, now) {
      if (holder === FREE_HOLDER) throw new Error('a lease holder must not be empty');
      // A single upsert: both dialects serialize it on the key, so exactly one contender wins.
      const row = await db
        .insertInto('leases')
        .values({ key, holder, token: 1, expires_at: expiresAt })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet((eb) => ({
              holder: eb.ref('excluded.holder'),
              token: sql<number>`case when leases.holder = excluded.holder then leases.token else leases.token + 1 end`,
              expires_at: eb.ref('excluded.expires_at'),
            }))
            .where((eb) =>
              eb.or([
                eb('leases.expires_at', '<=', now),
                eb('leases.holder', '=', eb.ref('excluded.holder')),
              ]),
            ),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toLease(row) : null;
    },

    async renew(key, holder, token, expiresAt) {
      const result = await db
        .updateTable('leases')
        .set({ expires_at: expiresAt })
        .where('key', '=', key)
        .where('holder', '=', holder)
        .where('token', '=', token)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async release(key, holder, token) {
      const result = await db
        .updateTable('leases')
        .set({ holder: FREE_HOLDER, expires_at: FREE_EXPIRY })
        .where('key', '=', key)
        .where('holder', '=', holder)
        .where('token', '=', token)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async get(key) {
      const row = await db
        .selectFrom('leases')
        .selectAll()
        .where('key', '=', key)
        .where('holder', '<>', FREE_HOLDER)
        .executeTakeFirst();
      return row ? toLease(row) : null;
    },
  };
}
