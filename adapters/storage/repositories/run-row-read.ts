import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AppError } from '../../../src/domain/errors.js';
import { type ImportRun, NOT_FETCHED, type RunBase, type RunContacts } from '../../../src/domain/run.js';
import { NO_SKIPPED } from '../../../src/domain/skipped-records.js';
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

// Reading a run back: the row's JSON columns and its status's fields checked (writing is in run-row.ts).

type RunRow = Selectable<ImportRunTable>;

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
