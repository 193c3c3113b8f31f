import { describe, expect, it } from 'vitest';
import { wrapLine, wrapText } from '../../../../adapters/chat/terminal/word-wrap.js';

describe('wrapLine', () => {
  it('keeps a line that fits', () => {
    expect(wrapLine('alice> /psa status', 80)).toEqual(['alice> /psa status']);
    expect(wrapLine('x'.repeat(80), 80)).toEqual(['x'.repeat(80)]);
  });

  it('breaks at the last space so a command is never cut in the middle', () => {
    const line =
      '✓ Connected to ConnectWise Manage; the credentials are stored encrypted. Next: /psa import connectwise';
    const rows = wrapLine(line, 80);
    expect(rows).toEqual([
      '✓ Connected to ConnectWise Manage; the credentials are stored encrypted. Next:',
      '/psa import connectwise',
    ]);
  });

  it('continues a wrapped row at its indent', () => {
    const rows = wrapLine(`        candidate 1: ${'word '.repeat(20).trim()}`, 40);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(Array.from(row).length).toBeLessThanOrEqual(40);
      expect(row.startsWith('        ')).toBe(true);
    }
    expect(rows.join(' ').replace(/ +/g, ' ').trim()).toBe(`candidate 1: ${'word '.repeat(20).trim()}`);
  });

  it('continues a numbered item under its text, past the number', () => {
    const rows = wrapLine(
      '  18. Copper Farms & Co. 25: PSA id 71 · 2 of 3 eligible get access · 1 not eligible',
      80,
    );
    expect(rows).toEqual([
      '  18. Copper Farms & Co. 25: PSA id 71 · 2 of 3 eligible get access · 1 not',
      '      eligible',
    ]);
  });

  it('cuts a word longer than the window where the window ends', () => {
    expect(wrapLine(`ab ${'x'.repeat(25)}`, 10)).toEqual(['ab', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(wrapLine('😀'.repeat(10), 10)).toEqual(['😀'.repeat(10)]);
  });

  it('continues at the margin when the indent is half the window or more', () => {
    expect(wrapLine(`${' '.repeat(6)}aaaa bbbb`, 10)).toEqual(['      aaaa', 'bbbb']);
  });
});

describe('wrapText', () => {
  it('wraps every line and keeps empty lines', () => {
    expect(wrapText('one two three\n\nfour', 8)).toBe('one two\nthree\n\nfour');
  });
});
