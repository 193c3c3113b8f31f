/**
 * Two requests side by side, like Promise.all, except that both have settled before the first
 * failure is thrown: no request of a failed fetch is still running when its caller hears of it.
 */
export async function settledPair<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
