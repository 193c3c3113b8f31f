import type { AppError } from '../domain/errors.js';

/**
 * A stored record a background job skipped because it does not read back (`stored_data_invalid`):
 * one damaged row of one tenant must not stop the job for every other. Names the table and the
 * record's id, never its values.
 */
export interface DamagedRecord {
  readonly table: string;
  readonly id: string;
  readonly error: AppError;
}

/** Records read in bulk by a background job: the ones that read back, and the damaged ones skipped. */
export interface SkippingRead<T> {
  readonly records: T[];
  readonly damaged: DamagedRecord[];
}
