/**
 * The one way a provider says "the PSA's answer cannot be used": psa_invalid_response, whose user
 * message is fixed ("We received an invalid response from your PSA provider"), with the reason in
 * our words in the log and as the error's cause. Never pass PSA text as the reason.
 *
 *   throw invalidResponse('more pages than /count allows', logger, '/company/contacts');
 */
import { AppError } from '../../../src/domain/errors.js';
import type { Logger } from '../../../src/ports/logger.js';

export function invalidResponse(reason: string, logger?: Logger, path?: string): AppError {
  logger?.warn({ reason, ...(path === undefined ? {} : { path }) }, 'psa invalid response');
  return new AppError('psa_invalid_response', {}, { cause: new Error(reason) });
}
