import { expect } from 'vitest';
import { AppError } from '../../../../src/domain/errors.js';

/** Awaits a promise that must reject with an AppError, and returns that error. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
