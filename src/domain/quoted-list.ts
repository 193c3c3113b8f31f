/** How reasons quote what they name: `"ACME, Inc."`. */
export function quote(text: string): string {
  return `"${text}"`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** listOf the items quoted, written in one go: reasons list removed parts and notes this way. */
export function quotedList(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i += 1) {
    const glue = i === 0 ? '' : i === items.length - 1 ? ' and ' : ', ';
    out = `${out}${glue}"${items[i]}"`;
  }
  return out;
}
