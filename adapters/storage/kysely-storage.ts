import type { Kysely } from 'kysely';
import type { Repositories, Storage } from '../../src/ports/storage.js';
import type { DialectTraits } from './dialect-traits.js';
import { adminRepository } from './repositories/admin-repository.js';
import { auditRepository } from './repositories/audit-repository.js';
import { companyDomainRepository } from './repositories/company-domain-repository.js';
import { companyMapRepository } from './repositories/company-map-repository.js';
import { contactMapRepository } from './repositories/contact-map-repository.js';
import { dedupeRepository } from './repositories/dedupe-repository.js';
import { digestRepository } from './repositories/digest-repository.js';
import { directoryApiRepositories } from './repositories/directory-api-repositories.js';
import { integrationRepository } from './repositories/integration-repository.js';
import { leaseRepository } from './repositories/lease-repository.js';
import { licenceRepository } from './repositories/licence-repository.js';
import { managedCompanyRepository } from './repositories/managed-company-repository.js';
import { managedUserRepository } from './repositories/managed-user-repository.js';
import { runKeptUserDecisions } from './repositories/run-kept-user-decisions.js';
import { runRepository } from './repositories/run-repository.js';
import { runRowsRepository } from './repositories/run-rows-repository.js';
import { tenantRepository } from './repositories/tenant-repository.js';
import type { Database } from './schema.js';

/** Repositories over `db`, which may be the database or a transaction. */
export function createRepositories(db: Kysely<Database>, traits: DialectTraits): Repositories {
  return {
    tenants: tenantRepository(db),
    admins: adminRepository(db),
    integrations: integrationRepository(db),
    companies: managedCompanyRepository(db, traits),
    users: managedUserRepository(db, traits),
    companyDomains: companyDomainRepository(db, traits),
    licences: licenceRepository(db),
    companyMap: companyMapRepository(db, traits),
    contactMap: contactMapRepository(db, traits),
    runs: runRepository(db),
    runRows: runRowsRepository(db, traits),
    keptUserDecisions: runKeptUserDecisions(db, traits),
    leases: leaseRepository(db),
    audit: auditRepository(db),
    dedupe: dedupeRepository(db),
    directoryApi: directoryApiRepositories(db, traits),
    digests: digestRepository(db),
  };
}

/**
 * Storage over kysely. Inside `transaction`, use only the repositories handed to `work`: on SQLite
 * the single connection is held by the transaction, so a query through `storage.repos` would wait
 * for it forever.
 */
export function createStorage(db: Kysely<Database>, traits: DialectTraits): Storage {
  return {
    repos: createRepositories(db, traits),
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories(trx, traits))),
  };
}
