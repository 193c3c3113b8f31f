/**
 * What a page parser throws when a page cannot be used at all (not JSON, not an array, too many
 * elements). It crosses the worker boundary as its reason only, our words and never PSA text; the
 * caller turns it into psa_invalid_response with `invalidResponse(reason, …)`.
 */
export class PageRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PageRejected';
  }
}
