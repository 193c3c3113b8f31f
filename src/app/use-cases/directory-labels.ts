const MAX_LABEL = 80;

/** Token names and similar labels: printable, single-spaced, at most 80 characters ('' if bad). */
export function cleanLabel(raw: string): string {
  const printable = Array.from(raw, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? ' ' : char;
  }).join('');
  const label = printable.replace(/\s+/g, ' ').trim();
  return label.length > MAX_LABEL ? '' : label;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The syntactic half of the outbound rules: https, or plain http to loopback only; no
 * credentials in the URL. The webhook adapter checks the resolved addresses at every delivery.
 */
export function checkWebhookUrl(raw: string): { ok: true; url: string } | { ok: false; hint: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, hint: 'give a full URL, e.g. https://example.com/hooks/psa' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, hint: 'a webhook URL must not carry a user name or password' };
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return { ok: true, url: url.href };
  return { ok: false, hint: 'webhooks need https:// (plain http only to this machine, for tests)' };
}
