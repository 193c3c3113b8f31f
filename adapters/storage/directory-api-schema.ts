import type { Generated } from 'kysely';

/** Row shapes of the tables of migrations/0004-directory-api.ts (issue 13). */
export interface DirectoryApiTables {
  api_tokens: ApiTokenTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveryTable;
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

export interface WebhookOutboxTable {
  seq: Generated<number | string>;
  id: string;
  tenant_id: string;
  type: string;
  payload: string;
  run_id: string | null;
  endpoint_id: string | null;
  created_at: string;
}

export interface WebhookDeliveryTable {
  endpoint_id: string;
  event_id: string;
  event_seq: number | string;
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
