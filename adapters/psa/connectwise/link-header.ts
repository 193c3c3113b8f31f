/**
 * Reads the `rel="next"` target of an RFC 8288 `Link` header, which ConnectWise uses for both
 * forward-only and page-number paging. The caller checks the target's origin before following it.
 */
const LINK = /<([^>]*)>((?:\s*;\s*[^,;<]+)*)/g;

export function nextLink(header: string | undefined): string | null {
  if (header === undefined) return null;
  for (const match of header.matchAll(LINK)) {
    const params = match[2] ?? '';
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(params)) return match[1] ?? null;
  }
  return null;
}
