/**
 * Decodes a verified Slack request body: slash commands are form fields, interactions and
 * options loads are a form field `payload` holding JSON, Events API requests are JSON.
 * Returns null for anything else.
 */
export function parseSlackBody(contentType: string | undefined, raw: Buffer): Record<string, unknown> | null {
  const text = raw.toString('utf8');
  try {
    if (contentType?.startsWith('application/json')) return asRecord(JSON.parse(text));
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(text);
      const payload = form.get('payload');
      if (payload !== null) return asRecord(JSON.parse(payload));
      const fields = Object.fromEntries(form.entries());
      return Object.keys(fields).length === 0 ? null : fields;
    }
  } catch {
    return null;
  }
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
