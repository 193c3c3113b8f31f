import { z } from 'zod';
import type { ApprovalPolicy, ChatPlatform } from '../../../src/domain/chat-identity.js';
import type { CompanyDecision, Ineligibility, UserDecision } from '../../../src/domain/decisions.js';
import type { DomainOwnerNote } from '../../../src/domain/domain-owner-note.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../src/domain/errors.js';
import type { ApplyResult } from '../../../src/domain/plan-model.js';
import { isProvider, type Provider } from '../../../src/domain/provider.js';
import type { CompanyFilter } from '../../../src/domain/psa-records.js';
import type { CompanyStatus, DuplicateCandidate } from '../../../src/domain/review.js';
import { RUN_TRANSITIONS, type RunStatus } from '../../../src/domain/run-status.js';
import type { SkippedRecords } from '../../../src/domain/skipped-records.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import type { DamagedRecord, SkippingRead } from '../../../src/ports/damaged-record.js';

/**
 * What the JSON columns of a run and its rows must hold. A stored value that does not match is a
 * bug or a damaged database: reading it throws here instead of failing somewhere later.
 */
/**
 * A stored JSON value read back: malformed JSON, or JSON of the wrong shape, is refused with
 * `stored_data_invalid` naming the record and the field (never the value), the cause kept.
 */
export function storedJson<T>(schema: z.ZodType<T>, text: string, record: string, field: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw storedDataInvalid(record, field, error);
  }
  const outcome = schema.safeParse(value);
  if (!outcome.success) throw storedDataInvalid(record, field, outcome.error);
  return outcome.data;
}

/**
 * A stored plain column read back: a value outside its closed set (a provider, a cadence) is
 * refused like a JSON column, naming the record and the field, never the value.
 */
export function storedColumn<T>(schema: z.ZodType<T>, value: unknown, record: string, field: string): T {
  const outcome = schema.safeParse(value);
  if (!outcome.success) throw storedDataInvalid(record, field, outcome.error);
  return outcome.data;
}

export function storedDataInvalid(record: string, field: string, cause?: unknown): AppError {
  return new AppError('stored_data_invalid', { hint: `${record}, field ${field}` }, { cause });
}

/** Whether `error` is the refusal of a stored value, as opposed to a failure that must propagate. */
export function isStoredDataInvalid(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'stored_data_invalid';
}

/**
 * Rows read in bulk by a background job: each row that does not read back is skipped and named,
 * so one damaged record of one tenant never stops the job for the others. Any other error throws.
 */
export function readEach<R, T>(
  table: string,
  rows: readonly R[],
  idOf: (row: R) => string,
  read: (row: R) => T,
): SkippingRead<T> {
  const records: T[] = [];
  const damaged: DamagedRecord[] = [];
  for (const row of rows) {
    try {
      records.push(read(row));
    } catch (error) {
      if (!isStoredDataInvalid(error)) throw error;
      damaged.push({ table, id: idOf(row), error });
    }
  }
  return { records, damaged };
}

export const stringList: z.ZodType<string[]> = z.array(z.string());

export const filterSchema: z.ZodType<CompanyFilter> = z
  .object({
    typeIds: stringList,
    statusIds: stringList,
    activeOnly: z.boolean(),
    label: z.string().optional(),
    isDefault: z.boolean().optional(),
  })
  .transform(
    ({ label, isDefault, ...filter }): CompanyFilter => ({
      ...filter,
      ...(label === undefined ? {} : { label }),
      ...(isDefault === undefined ? {} : { isDefault }),
    }),
  );

export const chatPlatformSchema: z.ZodType<ChatPlatform> = z.enum(['slack', 'teams', 'terminal']);

export const approvalPolicySchema: z.ZodType<ApprovalPolicy> = z.enum(['second-admin', 'self']);

export const threadSchema: z.ZodType<ThreadRef> = z.object({
  platform: chatPlatformSchema,
  data: z.string(),
});

const count = z.number().int().nonnegative();

const resultObject = z.object({
  companiesCreated: count,
  companiesMapped: count,
  companiesUnmapped: count,
  companiesKept: count,
  usersImported: count,
  usersMapped: count,
  usersKept: count,
  usersGoneFromPsa: count.optional(),
  errors: z.array(z.object({ subject: z.string(), message: z.string() })),
});

export const resultSchema: z.ZodType<ApplyResult> = resultObject.transform(
  ({ usersGoneFromPsa, ...rest }): ApplyResult =>
    usersGoneFromPsa === undefined ? rest : { ...rest, usersGoneFromPsa },
);

export const runStatusSchema: z.ZodType<RunStatus> = z
  .string()
  .refine((text): text is RunStatus => Object.hasOwn(RUN_TRANSITIONS, text));

export const providerSchema: z.ZodType<Provider> = z.string().refine(isProvider);

export const errorCodeSchema: z.ZodType<ErrorCode> = z.enum(ERROR_CODES);

export const skippedSchema: z.ZodType<SkippedRecords> = z.object({
  companies: count,
  contacts: count,
  first: z.array(
    z.object({ entity: z.enum(['company', 'contact']), psaId: z.number().nullable(), reason: z.string() }),
  ),
});

export const candidatesSchema: z.ZodType<DuplicateCandidate[]> = z.array(
  z.object({
    companyId: z.string(),
    companyName: z.string(),
    reason: z.string(),
    // Rows carried over from before the two strengths were all exact matches.
    strength: z.enum(['same', 'similar']).default('same'),
  }),
);

export const ineligibilitySchema: z.ZodType<Ineligibility> = z.discriminatedUnion('code', [
  z.object({ code: z.literal('no-email') }),
  z.object({ code: z.literal('inactive') }),
  z.object({ code: z.literal('email-taken'), companyName: z.string() }),
  z.object({
    code: z.literal('email-repeated'),
    otherContactName: z.string(),
    otherCompanyName: z.string(),
  }),
]);

export const domainOwnerSchema: z.ZodType<DomainOwnerNote> = z.object({
  domain: z.string(),
  companyNames: stringList,
});

export const companyStatusSchema: z.ZodType<CompanyStatus> = z.enum([
  'mapped',
  'unmapped',
  'potential-duplicate',
]);

/** A decision as two columns: its kind and, for `map`, the target id. */
export interface DecisionColumns {
  readonly kind: string;
  readonly target: string | null;
}

export function companyDecisionColumns(decision: CompanyDecision): DecisionColumns {
  return { kind: decision.kind, target: decision.kind === 'map' ? decision.companyId : null };
}

export function userDecisionColumns(decision: UserDecision): DecisionColumns {
  return { kind: decision.kind, target: decision.kind === 'map' ? decision.userId : null };
}

export function companyDecisionOf(kind: string, target: string | null): CompanyDecision {
  switch (kind) {
    case 'create':
    case 'keep':
    case 'unmap-create':
    case 'skip':
      return { kind };
    case 'map':
      if (target !== null) return { kind, companyId: target };
  }
  throw new Error(`stored company decision is invalid: ${JSON.stringify({ kind, target })}`);
}

export function userDecisionOf(kind: string, target: string | null): UserDecision {
  switch (kind) {
    case 'grant':
    case 'unmap-create':
    case 'skip':
      return { kind };
    case 'map':
      if (target !== null) return { kind, userId: target };
  }
  throw new Error(`stored user decision is invalid: ${JSON.stringify({ kind, target })}`);
}
