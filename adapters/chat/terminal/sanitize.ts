import { truncate } from '../shared/text.js';

/*
 * PSA text reaches the operator's terminal, so a company named "\x1b]0;pwned\x07" or one carrying
 * cursor movements could rewrite the screen or the window title. Everything untrusted passes
 * through `clean` before it is printed.
 */

const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
const CSI = String.fromCharCode(0x9b);
// CSI (ESC [ … final byte, or the 8-bit CSI), OSC (ESC ] … BEL or ESC \), and two-byte ESC sequences.
const ESCAPE_SEQUENCES = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?|${ESC}[@-Z\\\\-_]|${CSI}[0-?]*[ -/]*[@-~]`,
  'g',
);
// C0 and C1 controls, DEL, and bidirectional marks and overrides that reorder what the eye reads.
const CONTROL_CHARACTERS = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${CSI}\u200e\u200f\u202a-\u202e\u2066-\u2069]`,
  'g',
);

/** One line of untrusted text, safe to print: escapes removed, controls dropped, whitespace folded. */
export function clean(text: string, max = 120): string {
  const withoutEscapes = text.replace(ESCAPE_SEQUENCES, '');
  const flat = withoutEscapes.replace(/[\t\r\n]+/g, ' ').replace(CONTROL_CHARACTERS, '');
  return truncate(flat.replace(/ {2,}/g, ' ').trim(), max);
}
