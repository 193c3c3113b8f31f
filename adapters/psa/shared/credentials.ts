/**
 * Checks a credential form against a provider's fields before any request: a missing or blank
 * required field is `credentials_required` (the seed's "Credentials are required"). Values come back
 * trimmed and still wrapped, so the secret never sits unwrapped outside the provider.
 *
 *   const checked = validateCredentials(fields, credentials); // Secret<Record<string, string>>
 */
import { z } from 'zod';
import { AppError } from '../../../src/domain/errors.js';
import { Secret } from '../../../src/domain/secret.js';
import type { CredentialField, PsaCredentials } from '../../../src/ports/psa-gateway.js';

function schemaFor(fields: readonly CredentialField[]) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of fields) {
    const value = z.string().trim();
    shape[field.key] = field.optional ? value.optional() : value.min(1);
  }
  return z.object(shape);
}

export function validateCredentials(
  fields: readonly CredentialField[],
  credentials: PsaCredentials,
): PsaCredentials {
  const result = schemaFor(fields).safeParse(credentials.reveal());
  // No zod issue goes into the error: an issue can quote the value it rejected.
  if (!result.success) throw new AppError('credentials_required');
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (typeof value === 'string' && value !== '') values[key] = value;
  }
  return new Secret<Readonly<Record<string, string>>>(values);
}
