import { truncate } from '../shared/text.js';
import { oneLine } from '../shared/untrusted-text.js';

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
/** One line of untrusted text, safe to print: escapes removed, controls dropped, whitespace folded. */
export function clean(text: string, max = 120): string {
  return truncate(oneLine(text.replace(ESCAPE_SEQUENCES, '')), max);
}
