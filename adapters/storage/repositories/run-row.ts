import type { Insertable, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import type { AppError } from '../../../src/domain/errors.js';
import {
  type ImportRun,
  NOT_FETCHED,
  type RunBase,
  type RunContacts,
  type RunStatusPart,
  runBase,
} from '../../../src/domain/run.js';
import { NO_SKIPPED } from '../../../src/domain/skipped-records.js';
import type { RunChange, RunPatch } from '../../../src/ports/storage.js';
import type { ImportRunTable } from '../schema.js';
import {
  errorCodeSchema,
  filterSchema,
  providerSchema,
  resultSchema,
  runStatusSchema,
  skippedSchema,
  storedDataInvalid,
  storedJson,
  stringList,
  threadSchema,
} from './row-schemas.js';

type RunRow = Selectable<ImportRunTable>;

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

const recordOf = (row: RunRow): string => `import ${row.id}`;

function damaged(row: RunRow, column: keyof RunRow, cause?: unknown): AppError {
  return storedDataInvalid(recordOf(row), column, cause);
}

function parsed<T>(row: RunRow, column: keyof RunRow, schema: z.ZodType<T>, text: string): T {
  return storedJson(schema, text, recordOf(row), column);
}

function columnValue<T>(row: RunRow, column: keyof RunRow, schema: z.ZodType<T>): T {
  const outcome = schema.safeParse(row[column]);
  if (!outcome.success) throw damaged(row, column, outcome.error);
  return outcome.data;
}

function present<K extends keyof RunRow>(row: RunRow, column: K): NonNullable<RunRow[K]> {
  const value = row[column];
  if (value === null || value === undefined) throw damaged(row, column);
  return value;
}

function contactsOfRow(row: RunRow): RunContacts {
  if (row.contact_types === null) return NOT_FETCHED;
  return { kind: 'fetched', contactTypes: parsed(row, 'contact_types', stringList, row.contact_types) };
}

/**
 * The run of a row, its JSON columns validated and each status's fields required: a row that does
 * not hold a whole run is refused here (AppError `stored_data_invalid`), not met as a crash later.
 */
export function rowToRun(row: RunRow): ImportRun {
  const base: RunBase = {
    id: row.id,
    tenantId: row.tenant_id,
    integrationId: row.integration_id,
    provider: columnValue(row, 'provider', providerSchema),
    requesterKey: row.requester_key,
    requesterName: row.requester_name,
    version: Number(row.version),
    leaseToken: Number(row.lease_token),
    filter: parsed(row, 'filter', filterSchema, row.filter),
    thread: row.thread === null ? null : parsed(row, 'thread', threadSchema, row.thread),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    requestCount: Number(row.request_count),
    skipped: row.skipped === null ? NO_SKIPPED : parsed(row, 'skipped', skippedSchema, row.skipped),
  };
  const status = columnValue(row, 'status', runStatusSchema);
  switch (status) {
    case 'fetching':
    case 'reviewing-companies':
    case 'fetching-contacts':
      return { ...base, status };
    case 'reviewing-users': {
      // Runs carried over by migration 0002 without a single contact stored no contact types.
      const contacts = contactsOfRow(row);
      return {
        ...base,
        status,
        contacts: contacts.kind === 'fetched' ? contacts : { kind: 'fetched', contactTypes: [] },
      };
    }
    case 'pending-approval':
      return {
        ...base,
        status,
        contacts: contactsOfRow(row),
        submittedAt: present(row, 'submitted_at'),
        approvalExpiresAt: present(row, 'approval_expires_at'),
      };
    case 'applied':
      return {
        ...base,
        status,
        contacts: contactsOfRow(row),
        submittedAt: present(row, 'submitted_at'),
        approverKey: present(row, 'approver_key'),
        approverName: present(row, 'approver_name'),
        result: parsed(row, 'result', resultSchema, present(row, 'result')),
      };
    case 'rejected':
      return {
        ...base,
        status,
        contacts: contactsOfRow(row),
        submittedAt: present(row, 'submitted_at'),
        rejecterKey: present(row, 'approver_key'),
        rejecterName: present(row, 'approver_name'),
        rejectReason: present(row, 'reject_reason'),
      };
    case 'cancelled':
    case 'expired':
      return { ...base, status, contacts: contactsOfRow(row), submittedAt: row.submitted_at };
    case 'failed':
      return { ...base, status, failureCode: columnValue(row, 'failure_code', errorCodeSchema) };
  }
}
