const REDACTED = '[redacted]';

/**
 * Wraps a secret so it cannot reach a log, a message or an error by accident: string conversion,
 * JSON and util.inspect all print "[redacted]". Only `reveal()` gives the value, at the one place
 * that sends it (an HTTP auth header, the secret box).
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
