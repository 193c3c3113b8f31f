/**
 * Judges a page record by record: the envelope (an array of the expected length) was checked by
 * the caller; here each element is validated on its own, so one odd record is skipped and named
 * instead of failing the whole import.
 *
 *   const rows = validateRecords(page, contactSchema, 'contact', delivery);   // zod: a checked copy
 *   const rows = validateRecords(page, contactCheck, 'contact', delivery);    // hand-written: as is
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

/**
 * A hand-written check for the hot pages (1,000 contacts each): a record that fits is used as it
 * is, with no copy and no allocation, where a zod object schema builds a new object per record.
 */
export interface RecordCheck<T> {
  /** True when `item` can be used as a T as it is (extra fields are ignored, as zod strips them). */
  fits(item: unknown): item is T;
  /** The first field that does not fit, or '' for a record that is not an object; called after `fits` said no. */
  misfit(item: unknown): string;
}

export type RecordShape<T> = z.ZodType<T> | RecordCheck<T>;

function isCheck<T>(shape: RecordShape<T>): shape is RecordCheck<T> {
  return 'fits' in shape && 'misfit' in shape;
}

export function validateRecords<T>(
  items: readonly unknown[],
  shape: RecordShape<T>,
  entity: SkippedRecord['entity'],
  skips: SkipSink,
): T[] {
  const valid: T[] = [];
  if (isCheck(shape)) {
    for (const item of items) {
      if (shape.fits(item)) {
        valid.push(item);
        continue;
      }
      const field = shape.misfit(item);
      const reason = field === '' ? 'unexpected data' : `unexpected data in ${field}`;
      skips.skip({ entity, psaId: usableId(item), reason });
    }
    return valid;
  }
  const schema = shape;
  for (const item of items) {
    const result = schema.safeParse(item, { reportInput: false });
    if (result.success) valid.push(result.data);
    else skips.skip({ entity, psaId: usableId(item), reason: reasonOf(result.error) });
  }
  return valid;
}
