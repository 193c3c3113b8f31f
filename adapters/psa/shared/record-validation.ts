/**
 * Judges a page record by record: the envelope (an array of the expected length) was checked by
 * the caller; here each element is validated on its own, so one odd record is skipped and named
 * instead of failing the whole import.
 *
 *   const rows = validateRecords(page, contactSchema, 'contact', delivery);
 *
 * A skipped record is named by its PSA id when it has a usable one (an integer in the int32
 * range), and by the first field that did not fit, in our words: "unexpected data in status".
 */
import type { z } from 'zod';
import type { SkippedRecord } from '../../../src/ports/psa-gateway.js';

export interface SkipSink {
  skip(record: SkippedRecord): void;
}

const INT32_MAX = 2_147_483_647;

/** The record's `id` when it is a usable PSA id, else null. */
export function usableId(record: unknown): number | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && Math.abs(id) <= INT32_MAX ? id : null;
}

function reasonOf(error: z.ZodError): string {
  const issue = error.issues[0];
  // The path names our schema's fields (never the PSA's values); array indexes are left out.
  const field = issue?.path.find((part): part is string => typeof part === 'string');
  return field === undefined ? 'unexpected data' : `unexpected data in ${field}`;
}

export function validateRecords<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  entity: SkippedRecord['entity'],
  skips: SkipSink,
): T[] {
  const valid: T[] = [];
  for (const item of items) {
    const result = schema.safeParse(item, { reportInput: false });
    if (result.success) valid.push(result.data);
    else skips.skip({ entity, psaId: usableId(item), reason: reasonOf(result.error) });
  }
  return valid;
}
