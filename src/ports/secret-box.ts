/**
 * Authenticated encryption for credentials at rest. The associated data binds a ciphertext to its
 * row (e.g. the integration id): a ciphertext copied onto another row fails to open.
 */
export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  /** Throws when the ciphertext was altered, moved to another row, or sealed with another key. */
  open(sealed: string, associatedData: string): string;
}
