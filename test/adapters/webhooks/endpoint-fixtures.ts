import type { WebhookEndpointRecord } from '../../../src/ports/directory-api.js';

export interface EndpointFields {
  readonly id: string;
  readonly tenantId: string;
  /** What the test sealed (or a stand-in where nothing is sent). */
  readonly sealedSecret: string;
  /** Created and last updated at. */
  readonly at: string;
  /** Default `https://receiver.example/<id>`. */
  readonly url?: string;
  /** Default: every event type. */
  readonly events?: readonly string[];
}

/** A live webhook endpoint as an admin adds it: no previous secret, never disabled. */
export function webhookEndpoint(fields: EndpointFields): WebhookEndpointRecord {
  return {
    id: fields.id,
    tenantId: fields.tenantId,
    url: fields.url ?? `https://receiver.example/${fields.id}`,
    events: fields.events ?? [],
    sealedSecret: fields.sealedSecret,
    sealedPreviousSecret: null,
    previousSecretUntil: null,
    disabledAt: null,
    disabledReason: null,
    createdBy: 'Alice',
    createdAt: fields.at,
    updatedAt: fields.at,
  };
}
