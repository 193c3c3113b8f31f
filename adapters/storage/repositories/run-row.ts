import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Provider } from '../../../src/domain/provider.js';
import type { ImportRun, RunStatus } from '../../../src/domain/run.js';
import type { RunPatch } from '../../../src/ports/storage.js';
import type { ImportRunTable } from '../schema.js';

type RunRow = Selectable<ImportRunTable>;

const json = (value: unknown): string => JSON.stringify(value);
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
const parseOrNull = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function runToRow(run: ImportRun): Insertable<ImportRunTable> {
  return {
    id: run.id,
    tenant_id: run.tenantId,
    integration_id: run.integrationId,
    provider: run.provider,
    requester_key: run.requesterKey,
    requester_name: run.requesterName,
    status: run.status,
    version: run.version,
    lease_token: run.leaseToken,
    filter: json(run.filter),
    review: jsonOrNull(run.review),
    contacts: jsonOrNull(run.contacts),
    overrides: json(run.overrides),
    thread: jsonOrNull(run.thread),
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    submitted_at: run.submittedAt,
    approval_expires_at: run.approvalExpiresAt,
    approver_key: run.approverKey,
    approver_name: run.approverName,
    reject_reason: run.rejectReason,
    result: jsonOrNull(run.result),
    request_count: run.requestCount,
    failure_code: run.failureCode,
  };
}

/** Rows read without the snapshots (listRecent) come back with `review` and `contacts` null. */
export function rowToRun(
  row: Omit<RunRow, 'review' | 'contacts'> & Partial<Pick<RunRow, 'review' | 'contacts'>>,
): ImportRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    integrationId: row.integration_id,
    provider: row.provider as Provider,
    requesterKey: row.requester_key,
    requesterName: row.requester_name,
    status: row.status as RunStatus,
    version: Number(row.version),
    leaseToken: Number(row.lease_token),
    filter: JSON.parse(row.filter),
    review: parseOrNull(row.review ?? null),
    contacts: parseOrNull(row.contacts ?? null),
    overrides: JSON.parse(row.overrides),
    thread: parseOrNull(row.thread),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    approvalExpiresAt: row.approval_expires_at,
    approverKey: row.approver_key,
    approverName: row.approver_name,
    rejectReason: row.reject_reason,
    result: parseOrNull(row.result),
    requestCount: Number(row.request_count),
    failureCode: row.failure_code,
  };
}

/** Only the fields present in the patch: the snapshots are large and most updates leave them alone. */
export function patchToRow(patch: RunPatch): Updateable<ImportRunTable> {
  const row: Updateable<ImportRunTable> = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.review !== undefined) row.review = jsonOrNull(patch.review);
  if (patch.contacts !== undefined) row.contacts = jsonOrNull(patch.contacts);
  if (patch.overrides !== undefined) row.overrides = json(patch.overrides);
  if (patch.thread !== undefined) row.thread = jsonOrNull(patch.thread);
  if (patch.submittedAt !== undefined) row.submitted_at = patch.submittedAt;
  if (patch.approvalExpiresAt !== undefined) row.approval_expires_at = patch.approvalExpiresAt;
  if (patch.approverKey !== undefined) row.approver_key = patch.approverKey;
  if (patch.approverName !== undefined) row.approver_name = patch.approverName;
  if (patch.rejectReason !== undefined) row.reject_reason = patch.rejectReason;
  if (patch.result !== undefined) row.result = jsonOrNull(patch.result);
  if (patch.requestCount !== undefined) row.request_count = patch.requestCount;
  if (patch.failureCode !== undefined) row.failure_code = patch.failureCode;
  if (patch.leaseToken !== undefined) row.lease_token = patch.leaseToken;
  return row;
}
