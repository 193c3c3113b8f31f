/*
 * A terminal wraps a long line at the window's edge, wherever that falls: "Next: /" at the end of
 * one row and "psa import connectwise" on the next, which reads as two commands. Lines are broken
 * at spaces before they reach the window instead, and a continuation keeps its line's indent so a
 * wrapped row still reads as part of its item (a numbered item's continues under its text, past
 * "12. "). The review's fit counts lines with the same rule.
 */

const INDENT = /^ *(?:\d+\. )?/;

/** One line as the screen rows it takes in a window `width` columns wide, broken at spaces. */
export function wrapLine(line: string, width: number): string[] {
  const chars = Array.from(line);
  if (chars.length <= width || width < 2) return [line];
  // An indent of half the window or more would leave too little room: continue at the margin.
  const indent = (INDENT.exec(line)?.[0] ?? '').length;
  const continuation = ' '.repeat(indent * 2 < width ? indent : 0);
  const rows: string[] = [];
  let rest = chars;
  let prefix = '';
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    // The last space that leaves something on this row; none: the word is longer than a row.
    let cut = room;
    while (cut > 0 && rest[cut] !== ' ') cut -= 1;
    const breakAtSpace = cut > 0 && rest.slice(0, cut).some((char) => char !== ' ');
    const end = breakAtSpace ? cut : room;
    rows.push(prefix + rest.slice(0, end).join('').trimEnd());
    let next = breakAtSpace ? end + 1 : end;
    while (rest[next] === ' ') next += 1;
    rest = rest.slice(next);
    prefix = continuation;
  }
  if (rest.length > 0) rows.push(prefix + rest.join(''));
  return rows;
}

/** Every line of `text` wrapped for a window `width` columns wide. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}
