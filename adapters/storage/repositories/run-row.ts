import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Provider } from '../../../src/domain/provider.js';
import { type ImportRun, NO_SKIPPED, RUN_TRANSITIONS, type RunStatus } from '../../../src/domain/run.js';
import type { RunPatch } from '../../../src/ports/storage.js';
import type { ImportRunTable } from '../schema.js';
import { filterSchema, parseResult, skippedSchema, stringList, threadSchema } from './row-schemas.js';

type RunRow = Selectable<ImportRunTable>;

const json = (value: unknown): string => JSON.stringify(value);
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

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
    skipped: json(run.skipped),
    contact_types: jsonOrNull(run.contactTypes),
  };
}

/** The JSON columns are validated: a row that does not parse is an internal error, not a crash later. */
export function rowToRun(row: RunRow): ImportRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    integrationId: row.integration_id,
    provider: row.provider as Provider,
    requesterKey: row.requester_key,
    requesterName: row.requester_name,
    status: runStatus(row.status),
    version: Number(row.version),
    leaseToken: Number(row.lease_token),
    filter: filterSchema.parse(JSON.parse(row.filter)),
    thread: row.thread === null ? null : threadSchema.parse(JSON.parse(row.thread)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    approvalExpiresAt: row.approval_expires_at,
    approverKey: row.approver_key,
    approverName: row.approver_name,
    rejectReason: row.reject_reason,
    result: row.result === null ? null : parseResult(JSON.parse(row.result)),
    requestCount: Number(row.request_count),
    failureCode: row.failure_code,
    skipped: row.skipped === null ? NO_SKIPPED : skippedSchema.parse(JSON.parse(row.skipped)),
    contactTypes: row.contact_types === null ? null : stringList.parse(JSON.parse(row.contact_types)),
  };
}

/** Only the fields present in the patch. */
export function patchToRow(patch: RunPatch): Updateable<ImportRunTable> {
  const row: Updateable<ImportRunTable> = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.skipped !== undefined) row.skipped = json(patch.skipped);
  if (patch.contactTypes !== undefined) row.contact_types = jsonOrNull(patch.contactTypes);
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

function runStatus(text: string): RunStatus {
  if (!Object.hasOwn(RUN_TRANSITIONS, text)) throw new Error(`unknown run status ${JSON.stringify(text)}`);
  return text as RunStatus;
}
