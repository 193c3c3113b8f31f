/** The error `work` throws, checked to be a `type`; fails the test when nothing (or another kind) is thrown. */
export function thrown<E extends Error>(work: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    work();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
