import type { Insertable, Updateable } from 'kysely';
import { type ImportRun, type RunContacts, type RunStatusPart, runBase } from '../../../src/domain/run.js';
import type { RunChange, RunPatch } from '../../../src/ports/storage.js';
import type { ImportRunTable } from '../schema.js';

// Writing a run as its row (reading one back, checked, is in run-row-read.ts).

const json = (value: unknown): string => JSON.stringify(value);

/** The columns that hold a status's own fields; a transition writes all of them. */
type StatusColumns = Pick<
  ImportRunTable,
  | 'status'
  | 'contact_types'
  | 'submitted_at'
  | 'approval_expires_at'
  | 'approver_key'
  | 'approver_name'
  | 'reject_reason'
  | 'result'
  | 'failure_code'
>;

const NO_STATUS_FIELDS = {
  contact_types: null,
  submitted_at: null,
  approval_expires_at: null,
  approver_key: null,
  approver_name: null,
  reject_reason: null,
  result: null,
  failure_code: null,
} as const;

const contactTypesColumn = (contacts: RunContacts): string | null =>
  contacts.kind === 'fetched' ? json(contacts.contactTypes) : null;

/** Fields the status does not have are stored as null, so a row holds exactly its run. */
function statusColumns(part: RunStatusPart): StatusColumns {
  switch (part.status) {
    case 'fetching':
    case 'reviewing-companies':
    case 'fetching-contacts':
      return { ...NO_STATUS_FIELDS, status: part.status };
    case 'reviewing-users':
      return { ...NO_STATUS_FIELDS, status: part.status, contact_types: contactTypesColumn(part.contacts) };
    case 'pending-approval':
      return {
        ...NO_STATUS_FIELDS,
        status: part.status,
        contact_types: contactTypesColumn(part.contacts),
        submitted_at: part.submittedAt,
        approval_expires_at: part.approvalExpiresAt,
      };
    case 'applied':
      return {
        ...NO_STATUS_FIELDS,
        status: part.status,
        contact_types: contactTypesColumn(part.contacts),
        submitted_at: part.submittedAt,
        approver_key: part.approverKey,
        approver_name: part.approverName,
        result: json(part.result),
      };
    case 'rejected':
      return {
        ...NO_STATUS_FIELDS,
        status: part.status,
        contact_types: contactTypesColumn(part.contacts),
        submitted_at: part.submittedAt,
        approver_key: part.rejecterKey,
        approver_name: part.rejecterName,
        reject_reason: part.rejectReason,
      };
    case 'cancelled':
    case 'expired':
      return {
        ...NO_STATUS_FIELDS,
        status: part.status,
        contact_types: contactTypesColumn(part.contacts),
        submitted_at: part.submittedAt,
      };
    case 'failed':
      return { ...NO_STATUS_FIELDS, status: part.status, failure_code: part.failureCode };
  }
}

function changeColumns(change: RunChange): Updateable<ImportRunTable> {
  const row: Updateable<ImportRunTable> = {};
  if (change.filter !== undefined) row.filter = json(change.filter);
  if (change.thread !== undefined) row.thread = change.thread === null ? null : json(change.thread);
  if (change.skipped !== undefined) row.skipped = json(change.skipped);
  if (change.requestCount !== undefined) row.request_count = change.requestCount;
  if (change.leaseToken !== undefined) row.lease_token = change.leaseToken;
  return row;
}

export function runToRow(run: ImportRun): Insertable<ImportRunTable> {
  return {
    id: run.id,
    tenant_id: run.tenantId,
    integration_id: run.integrationId,
    provider: run.provider,
    requester_key: run.requesterKey,
    requester_name: run.requesterName,
    version: run.version,
    lease_token: run.leaseToken,
    filter: json(run.filter),
    thread: run.thread === null ? null : json(run.thread),
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    request_count: run.requestCount,
    skipped: json(run.skipped),
    ...statusColumns(run),
  };
}

/** Only the fields the patch names; a transition rewrites every status column. */
export function patchToRow(patch: RunPatch): Updateable<ImportRunTable> {
  return patch.status === undefined
    ? changeColumns(patch)
    : { ...changeColumns(patch), ...statusColumns(patch) };
}

/** The run after a patch that matched: a transition replaces the status part, the base stays. */
export function patchedRun(
  current: ImportRun,
  patch: RunPatch,
  version: number,
  updatedAt: string,
): ImportRun {
  if (patch.status === undefined) {
    const { status: _same, ...change } = patch;
    return { ...current, ...change, version, updatedAt };
  }
  return { ...runBase(current), ...patch, version, updatedAt };
}
