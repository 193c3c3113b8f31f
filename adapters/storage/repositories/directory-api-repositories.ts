import type { Kysely } from 'kysely';
import type { DirectoryApiRepositories } from '../../../src/ports/directory-api.js';
import type { DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { apiTokenRepository } from './api-token-repository.js';
import { directoryReadRepository } from './directory-read-repository.js';
import { webhookDeliveryRepository } from './webhook-delivery-repository.js';
import { webhookEndpointRepository } from './webhook-endpoint-repository.js';
import { webhookOutboxRepository } from './webhook-outbox-repository.js';

export function directoryApiRepositories(
  db: Kysely<Database>,
  traits: DialectTraits,
): DirectoryApiRepositories {
  return {
    tokens: apiTokenRepository(db),
    endpoints: webhookEndpointRepository(db),
    outbox: webhookOutboxRepository(db, traits),
    deliveries: webhookDeliveryRepository(db, traits),
    reads: directoryReadRepository(db),
  };
}
