/** An admin's override for one PSA id; own keys only, so "constructor" and the like never match. */
export function overrideFor<T>(overrides: Readonly<Record<string, T>>, psaId: number): T | undefined {
  const key = String(psaId);
  return Object.hasOwn(overrides, key) ? overrides[key] : undefined;
}
