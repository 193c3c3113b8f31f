/**
 * What the directory tells the systems that use it (issue 13): one event per change an import
 * made, and one per import outcome. Payloads carry ids, names, PSA ids and the run id; never a
 * credential.
 */
export const DIRECTORY_EVENT_TYPES = [
  'company.created',
  'company.mapped',
  'company.unmapped',
  'user.created',
  'user.mapped',
  'import.applied',
  'import.rejected',
] as const;

export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];

/** Sent by `/psa webhooks ping`; only to the endpoint pinged, never a change. */
export const PING_EVENT_TYPE = 'webhook.ping';

export function isDirectoryEventType(text: string): text is DirectoryEventType {
  return (DIRECTORY_EVENT_TYPES as readonly string[]).includes(text);
}

/** A JSON-safe payload; `data` follows the Standard Webhooks envelope. */
export interface DirectoryEvent {
  /** Sent as `webhook-id`; receivers dedupe by it. */
  readonly id: string;
  readonly type: DirectoryEventType | typeof PING_EVENT_TYPE;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}
