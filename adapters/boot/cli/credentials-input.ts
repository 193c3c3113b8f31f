import { AppError } from '../../../src/domain/errors.js';

/**
 * Reads credentials a script hands over on stdin or in a file: a JSON object of strings, or
 * `key=value` lines (blank lines and `#` comments ignored). Errors name the line or the problem,
 * never a value.
 */
export function parseCredentialsText(text: string): Record<string, string> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new AppError('credentials_required');
  return trimmed.startsWith('{') ? fromJson(trimmed) : fromLines(trimmed);
}

function fromJson(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', { hint: 'the credentials are not valid JSON' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('invalid_input', { hint: 'the credentials must be one JSON object' });
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      throw new AppError('invalid_input', { hint: `credential field "${safeKey(key)}" must be a string` });
    }
    values[key] = value.trim();
  }
  return values;
}

function fromLines(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const equals = line.indexOf('=');
    if (equals <= 0) throw new AppError('invalid_input', { hint: `line ${index + 1} is not key=value` });
    values[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  });
  return values;
}

/** Field names are ours (site, privateKey…); anything odd is not repeated in full. */
function safeKey(key: string): string {
  return /^[\w-]{1,40}$/.test(key) ? key : '(unnamed)';
}
