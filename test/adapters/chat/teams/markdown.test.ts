import { describe, expect, it } from 'vitest';
import { oneLine } from '../../../../adapters/chat/shared/untrusted-text.js';
import { md, plain } from '../../../../adapters/chat/teams/markdown.js';

const SPECIALS = '\\`*_~#[]()<>|{}!&:';

/** True when every special character is preceded by an odd number of backslashes. */
function everySpecialEscaped(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === '\\') {
      i++; // an escape pair
      continue;
    }
    if (SPECIALS.includes(char)) return false;
  }
  return true;
}

describe('md (Teams markdown escaping)', () => {
  it('turns links, emphasis, code, html and tables into plain characters', () => {
    const escaped = md('[Pay](https://evil.example) **b** _i_ ~s~ `c` <b> a|b # h');
    expect(escaped).toBe(
      '\\[Pay\\]\\(https\\://evil\\.example\\) \\*\\*b\\*\\* \\_i\\_ \\~s\\~ \\`c\\` \\<b\\> a\\|b \\# h',
    );
    expect(everySpecialEscaped(escaped)).toBe(true);
  });

  it('breaks autolinks and emoji shortcodes', () => {
    expect(md('www.evil.example')).toBe('www\\.evil\\.example');
    expect(md('Acme, Inc.')).toBe('Acme, Inc.');
    expect(md(':smile:')).toBe('\\:smile\\:');
  });

  it('escapes a leading list marker and keeps everything on one line', () => {
    expect(md('- item')).toBe('\\- item');
    expect(md('1. first')).toBe('1\\. first');
    expect(md('a\n\n# b\r\n> c')).toBe('a \\# b \\> c');
  });

  it('escapes backslashes so they cannot escape our own markup', () => {
    expect(md('a\\')).toBe('a\\\\');
  });

  it('truncates after escaping without leaving a dangling backslash', () => {
    const escaped = md('abc*def', 5);
    expect(escaped).toBe('abc…');
    expect(Array.from(escaped).length).toBeLessThanOrEqual(5);
    expect(md('ab*def', 5)).toBe('ab\\*…');
  });

  it('never lets a special character through, whatever the input (random strings)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = `${SPECIALS}ab. \n1-+`;
    for (let round = 0; round < 500; round++) {
      const length = Math.floor(random() * 40);
      let input = '';
      for (let i = 0; i < length; i++) input += alphabet[Math.floor(random() * alphabet.length)];
      const max = 3 + Math.floor(random() * 30);
      const escaped = md(input, max);
      expect(everySpecialEscaped(escaped.replace(/…$/, '')), JSON.stringify({ input, escaped })).toBe(true);
      expect(Array.from(escaped).length).toBeLessThanOrEqual(max);
    }
  });
});

describe('plain and oneLine', () => {
  it('removes control characters and line breaks, and cuts', () => {
    expect(oneLine('a\u0000b\n\tc')).toBe('a b c');
    expect(plain('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
