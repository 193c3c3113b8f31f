/** Generates unique, URL-safe ids. Injected so tests get deterministic ids. */
export interface IdGenerator {
  next(): string;
}
