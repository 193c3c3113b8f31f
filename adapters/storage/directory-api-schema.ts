import type { Generated } from 'kysely';

/** Row shapes of the tables of migrations/0004-directory-api.ts and 0007-outbox-batches.ts (issue 13). */
export interface DirectoryApiTables {
  api_tokens: ApiTokenTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_outbox_batches: WebhookOutboxBatchTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_failure_digests: WebhookFailureDigestTable;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface WebhookEndpointTable {
  id: string;
  tenant_id: string;
  url: string;
  events: string;
  sealed_secret: string;
  sealed_previous_secret: string | null;
  previous_secret_until: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  /** bigint on PostgreSQL: pg hands it back as text. */
  enqueued_seq: number | string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookOutboxBatchTable {
  seq: Generated<number | string>;
  tenant_id: string;
  run_id: string | null;
  endpoint_id: string | null;
  event_count: number;
  /** JSON array of {id, type, timestamp, data}. */
  events: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  endpoint_id: string;
  event_id: string;
  /** The batch's seq; the event is `event_index` in it. */
  event_seq: number | string;
  event_index: Generated<number>;
  tenant_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

export interface WebhookFailureDigestTable {
  endpoint_id: string;
  run_id: string;
  tenant_id: string;
  posted_at: string;
}
