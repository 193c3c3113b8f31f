/**
 * The one rule for text we did not write (PSA names, emails, contact types, reasons a user typed):
 * on every surface it stays inert. It can never become a link, a mention, formatting or a new
 * line. Each surface applies the rule in its own markup, always in this order: `oneLine` here,
 * then its escaping (Slack: slack/mrkdwn.ts, Teams: teams/markdown.ts, terminal:
 * terminal/sanitize.ts), then truncation that never splits an escape.
 */

// Controls (C0, DEL, C1), line and paragraph separators, and the bidirectional marks and
// overrides that reorder what the eye reads.
const BREAKS_AND_CONTROLS = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

/** Line breaks, tabs and control characters become one space; runs of spaces fold. */
export function oneLine(text: string): string {
  return text
    .replace(BREAKS_AND_CONTROLS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** U+2060 WORD JOINER: invisible, and breaks the patterns chat clients turn into links. */
export const WORD_JOINER = '\u2060';

/**
 * `https://x` and `www.x` and `evil.example` stop looking like addresses to an auto-linker: a
 * word joiner after the scheme's colon, and after every dot between word characters.
 */
export function breakLinks(text: string): string {
  return text.replaceAll('://', `:${WORD_JOINER}//`).replace(/(?<=\w)\.(?=\w)/g, `.${WORD_JOINER}`);
}
