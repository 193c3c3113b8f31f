/**
 * Whether typed free text carries something that looks like a credential. Commands are logged,
 * echoed and kept in chat history, so a pasted key must be refused before anything else sees it.
 * Callers refuse with our own words and never echo, log or store the refused text.
 *
 * Three signs: an assignment to a credential-like name (`privateKey=…`), a known token shape
 * (Slack, GitHub, AWS, OpenAI-style, JWT), or a long word that looks random: letters and digits
 * mixed with many changes between lower case, upper case and digits. Company names and filter
 * words (`Acme2024Holdings`, `type=Client,Prospect`) change class a few times at most; a random
 * 16-character key changes six to ten times.
 */

const ASSIGNMENT =
  /(?:^|[\s"'])(?:private[\s_-]?key|public[\s_-]?key|client[\s_-]?(?:id|secret)|secret|password|passw(?:or)?d|pwd|token|api[\s_-]?key|integration[\s_-]?code|user[\s_-]?name|company[\s_-]?id|credentials?|bearer)\s*[=:]/i;

const KNOWN_SHAPES: readonly RegExp[] = [
  /\b(?:xox[abposr]|xapp)-[\w-]{8,}/,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_\w{20,}/,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\bsk-[\w-]{16,}/,
  /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\./,
  /\bBearer\s+[\w.~+/-]{16,}/i,
];

const MIN_LENGTH = 16;
/** Lengths from which any word of letters and digits counts, however regular. */
const OPAQUE_LENGTH = 32;
const MIN_CLASS_CHANGES = 5;
const TOKEN_CHARS = /^[A-Za-z0-9+/_=.~!@#$%^*-]+$/;
const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function charClass(char: string): 'lower' | 'upper' | 'digit' | 'other' {
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'other';
}

/** Changes between lower case, upper case and digits; punctuation (`.`, `@`) is passed over. */
function classChanges(word: string): number {
  const classes = Array.from(word, charClass).filter((kind) => kind !== 'other');
  return classes.filter((kind, i) => i > 0 && kind !== classes[i - 1]).length;
}

/** One whitespace-free word that looks like a random key. */
export function looksLikeKey(word: string): boolean {
  if (word.length < MIN_LENGTH || !TOKEN_CHARS.test(word) || HEX_UUID.test(word)) return false;
  if (!/[A-Za-z]/.test(word) || !/\d/.test(word)) return false;
  // Values after `=` are checked on their own: `type=Client2,Prospect` is a filter, not a key.
  return word.length >= OPAQUE_LENGTH || classChanges(word) >= MIN_CLASS_CHANGES;
}

export function looksLikeSecret(text: string): boolean {
  if (ASSIGNMENT.test(text) || KNOWN_SHAPES.some((shape) => shape.test(text))) return true;
  return text
    .split(/[\s=,;:"'`()[\]{}<>|]+/)
    .filter((word) => word !== '')
    .some(looksLikeKey);
}
