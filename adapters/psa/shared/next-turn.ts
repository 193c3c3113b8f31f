/**
 * Resolves after the microtasks queued so far, and those they queue, have run, and after the I/O
 * they started (a request undici was just given is written to its socket on a later turn than the
 * call). Code that is about to hold the event loop for milliseconds awaits it first, so that what
 * is already under way goes out before it.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}
