import type { Kysely } from 'kysely';
import type { RunRowsRepository } from '../../../src/ports/storage.js';
import type { DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { runCompanyRows } from './run-company-rows.js';
import { runContactRows } from './run-contact-rows.js';
import { runCounts } from './run-counts.js';
import { runNameTwins } from './run-name-twins.js';

export function runRowsRepository(db: Kysely<Database>, traits: DialectTraits): RunRowsRepository {
  return {
    ...runCompanyRows(db, traits),
    ...runContactRows(db, traits),
    ...runCounts(db),
    ...runNameTwins(db),
  };
}
