import { truncate } from '../shared/text.js';
import { breakLinks, oneLine } from '../shared/untrusted-text.js';

/**
 * Untrusted text (PSA names, emails, reasons quoting names, user input) in Teams. Adaptive Card
 * TextBlocks and FactSet values render a markdown subset, and Teams turns URLs into links, so a
 * company called `[Pay here](https://evil.example)` or `**URGENT**` must reach the card as plain
 * characters. Escapes follow CommonMark (a backslash before ASCII punctuation).
 */

// Every character that starts or ends markdown formatting, a link, an HTML tag or entity, a
// table cell, or an emoji shortcode (`:smile:`); `:` also breaks `scheme://` autolinks.
const MARKDOWN_SPECIALS = /[\\`*_~#[\]()<>|{}!&:]/g;
// A dot between word characters would let Teams autolink `evil.example` or `www.evil.example`.
const DOMAIN_DOT = /(?<=\w)\.(?=\w)/g;
// A list or heading marker at the very start: `- x`, `+ x`, `1. x`, `1) x`.
const LEADING_LIST = /^([-+])(?=\s)|^(\d+)([.)])/;

/**
 * Cuts escaped text to `max` characters without leaving a dangling backslash, which would escape
 * the ellipsis and could join with whatever the card puts next.
 */
function truncateEscaped(escaped: string, max: number): string {
  const cut = truncate(escaped, max);
  if (cut === escaped) return cut;
  const body = cut.slice(0, -1);
  const trailing = /\\+$/.exec(body)?.[0].length ?? 0;
  return trailing % 2 === 1 ? `${body.slice(0, -1)}…` : cut;
}

function escaped(line: string): string {
  return line
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    .replace(DOMAIN_DOT, '\\.')
    .replace(LEADING_LIST, (_match, bullet: string | undefined, digits: string, mark: string) =>
      bullet !== undefined ? `\\${bullet}` : `${digits}\\${mark}`,
    );
}

/** For markdown fields (TextBlock text, Fact values, message text): escaped, then truncated. */
export function md(text: string, max = 200): string {
  return truncateEscaped(escaped(oneLine(text)), max);
}

/** For fields Teams shows verbatim (choice titles, button titles, input values): one line, cut. */
export function plain(text: string, max = 100): string {
  return truncate(breakLinks(oneLine(text)), max);
}

/**
 * Our own wording (error next steps, help), which quotes commands in backticks for the surfaces
 * that render code. Teams' TextBlocks do not, so a quoted command becomes bold instead; everything
 * is escaped, since hints inside may quote what the admin typed.
 */
export function ownWords(text: string): string {
  return oneLine(text)
    .split('`')
    .map((part, index) => (index % 2 === 1 && part !== '' ? `**${escaped(part)}**` : escaped(part)))
    .join('');
}
