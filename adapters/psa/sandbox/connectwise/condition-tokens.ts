/**
 * Splits a ConnectWise condition string into tokens: words (fields, keywords), operators,
 * punctuation and values (double-quoted strings with backslash escapes, numbers, true/false,
 * null, [dates]). condition-engine.ts parses them.
 */
import { ConditionError } from './condition-error.js';

export type Value = string | number | boolean | null;
export type Token = { kind: 'word' | 'op' | 'punct'; text: string } | { kind: 'value'; value: Value };

const WORD = /[A-Za-z_][A-Za-z0-9_/]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;
const OP = /(!=|<=|>=|=|<|>)/y;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    const match = re.exec(text);
    if (match !== null) i = re.lastIndex;
    return match?.[0] ?? null;
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new ConditionError('unterminated string');
        const c = text[i] as string;
        if (c === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
      tokens.push({ kind: 'value', value });
    } else if (char === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new ConditionError('unterminated date');
      tokens.push({ kind: 'value', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: 'punct', text: char });
      i += 1;
    } else {
      const op = at(OP);
      if (op !== null) {
        tokens.push({ kind: 'op', text: op });
        continue;
      }
      const number = at(NUMBER);
      if (number !== null) {
        tokens.push({ kind: 'value', value: Number(number) });
        continue;
      }
      const word = at(WORD);
      if (word === null) throw new ConditionError(`unexpected character ${char}`);
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false') tokens.push({ kind: 'value', value: lower === 'true' });
      else if (lower === 'null') tokens.push({ kind: 'value', value: null });
      else tokens.push({ kind: 'word', text: word });
    }
  }
  return tokens;
}
