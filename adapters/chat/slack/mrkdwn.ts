import { breakLinks, oneLine } from '../shared/untrusted-text.js';

/**
 * Our own words in Slack mrkdwn: Slack's control characters are only `&`, `<` and `>`, so
 * escaping exactly those makes `<!channel>` or `<http://x|y>` plain text. Our own formatting
 * (`*bold*`, backticks) stays.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const ELLIPSIS = '…';
const ENTITY_TAIL = /&(?:a|am|amp|l|lt|g|gt)?$/;

/** Cuts at a code-point boundary so no surrogate pair is split. */
function cutCodePoints(text: string, max: number): string {
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Shortens already-escaped text to `max` characters (ellipsis included) without cutting an
 * entity in half: a trailing `&am` would otherwise show as a stray ampersand.
 */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = cutCodePoints(escaped, Math.max(0, max - ELLIPSIS.length));
  return cut.replace(ENTITY_TAIL, '') + ELLIPSIS;
}

// Look-alikes for the characters that open or close mrkdwn formatting: ∗ ˍ ∼ ˋ.
const FORMATTING: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\u02cd',
  '~': '\u223c',
  '`': '\u02cb',
};

/**
 * Untrusted text (PSA names, reasons, emails) as inert mrkdwn (see shared/untrusted-text.ts): one
 * line, no formatting characters, no auto-linkable address, and `&`, `<`, `>` escaped, so neither
 * `<!channel>`, `<@U123>`, `<http://x|y>`, `*bold*` nor `https://evil.example` comes alive. Text
 * objects are also sent with `verbatim: true` (blocks.ts). Escape, then truncate: escaping can
 * make text longer, and the cut never splits an entity.
 */
export function mrkdwnText(text: string, max: number): string {
  const inert = breakLinks(oneLine(text)).replace(/[*_~`]/g, (char) => FORMATTING[char] ?? char);
  return truncateEscaped(escapeMrkdwn(inert), max);
}

/** plain_text objects are never parsed for mentions, links or formatting; one line, capped. */
export function plainText(raw: string, max: number): string {
  const text = breakLinks(oneLine(raw));
  if (text.length <= max) return text.length === 0 ? ' ' : text;
  return cutCodePoints(text, max - ELLIPSIS.length) + ELLIPSIS;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A mention for ids we trust to be Slack user ids; anything else is shown as escaped text. */
export function mentionOrName(platform: string, userId: string, fallbackName: string): string {
  if (platform === 'slack' && SLACK_USER_ID.test(userId)) return `<@${userId}>`;
  return mrkdwnText(fallbackName, 80);
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
