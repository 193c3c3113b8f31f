import type { Kysely, Migration } from 'kysely';

/**
 * Issue 11, users step: a contact row stores, when its email domain is a known domain of other
 * managed companies than the one it lands in, that domain and their names (JSON), worked out when
 * the contacts are fetched, so a users page shows the note without reading the directory. Existing
 * rows keep null: runs fetched before this migration show no note. Frozen once released.
 */
export const contactDomainOwner: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('run_contacts').addColumn('domain_owner', 'text').execute();
  },
};
