/**
 * The HTTP status behind a PSA failure, kept as the AppError's cause: a provider can tell "this
 * path is not served here" (404, a redirect) from a body it could not use, both of which the user
 * sees as the same invalid response. It carries the number only: no body, URL or header.
 *
 *   throw new AppError('psa_invalid_response', {}, { cause: new PsaStatusCause(404) });
 *   psaStatusOf(error); // 404
 */
export class PsaStatusCause extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`the PSA answered HTTP ${status}`);
    this.name = 'PsaStatusCause';
    this.status = status;
  }
}

/** The status of a failure caused by a PSA answer, or null for any other failure. */
export function psaStatusOf(error: unknown): number | null {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof PsaStatusCause ? cause.status : null;
}
