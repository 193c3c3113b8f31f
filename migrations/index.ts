import type { Migration } from 'kysely';
import { initialSchema } from './0001-initial-schema.js';
import { runRows } from './0002-run-rows.js';
import { refoldCompanyNames } from './0003-refold-company-names.js';
import { directoryApi } from './0004-directory-api.js';
import { runCounts } from './0005-run-counts.js';
import { companyDomains } from './0006-company-domains.js';
import { outboxBatches } from './0007-outbox-batches.js';
import { changeDigest } from './0008-change-digest.js';
import { leftOutLastTime } from './0009-left-out-last-time.js';
import { importTwins } from './0010-import-twins.js';
import { contactDomainOwner } from './0013-contact-domain-owner.js';
import { companyBulkIndexes } from './0014-company-bulk-indexes.js';
import { usersClicks } from './0015-users-clicks.js';
import { keptUserDecisions } from './0017-kept-user-decisions.js';

/**
 * Every migration, by name, in the order they run. An explicit list (not a folder scan) so the
 * compiled `dist/` runs exactly these. Names are never changed once released.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-run-rows': runRows,
  '0003-refold-company-names': refoldCompanyNames,
  '0004-directory-api': directoryApi,
  '0005-run-counts': runCounts,
  '0006-company-domains': companyDomains,
  '0007-outbox-batches': outboxBatches,
  '0008-change-digest': changeDigest,
  '0009-left-out-last-time': leftOutLastTime,
  '0010-import-twins': importTwins,
  '0013-contact-domain-owner': contactDomainOwner,
  '0014-company-bulk-indexes': companyBulkIndexes,
  '0015-users-clicks': usersClicks,
  '0017-kept-user-decisions': keptUserDecisions,
};
