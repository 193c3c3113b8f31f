import type { Logger } from '../../../src/ports/logger.js';

/**
 * The one way the chat surfaces log a failure: a summary line at error (or warn) level with the
 * error itself under pino's `err` key, so its message, stack and `cause` chain are serialised,
 * and any bulky context (payload shapes, views) at debug level only. Fields are ids and codes;
 * never message text a user typed.
 */
export function logError(
  logger: Logger,
  message: string,
  error: unknown,
  fields: Readonly<Record<string, unknown>> = {},
  details?: Readonly<Record<string, unknown>>,
): void {
  logger.error({ ...fields, err: error }, message);
  if (details !== undefined) logger.debug({ ...fields, ...details }, `${message}: details`);
}

/** The same for failures that lose nothing the admin needs (a progress edit, a card refresh). */
export function logWarning(
  logger: Logger,
  message: string,
  error: unknown,
  fields: Readonly<Record<string, unknown>> = {},
): void {
  logger.warn({ ...fields, err: error }, message);
}
