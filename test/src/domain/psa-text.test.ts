import { describe, expect, it } from 'vitest';
import { cleanEmail, cleanName, cleanText, MAX_NAME_LENGTH } from '../../../src/domain/psa-text.js';

describe('PSA text cleaning', () => {
  it('strips NUL, other controls and bidi controls, and collapses whitespace', () => {
    expect(cleanName('  Acme\u0000 \t Inc.\r\n ')).toEqual({ text: 'Acme Inc.', cut: false });
    expect(cleanName('Ev\u202eil\u2066 Corp\u0007\u009b').text).toBe('Evil Corp');
    expect(cleanName('Zero\u200bWidth\ufeff').text).toBe('ZeroWidth');
  });

  it('keeps letters, accents, emoji sequences and pairs of surrogates, drops lone halves', () => {
    expect(cleanName('Müller & Søn 👩‍💻').text).toBe('Müller & Søn 👩‍💻');
    expect(cleanName('Half\ud800 pair').text).toBe('Half pair');
  });

  it('cuts long names at the cap in code points and says so', () => {
    const cut = cleanName('x'.repeat(100_000));
    expect(cut).toEqual({ text: 'x'.repeat(MAX_NAME_LENGTH), cut: true });
    const emoji = cleanText('😀'.repeat(10), 4);
    expect(emoji).toEqual({ text: '😀😀😀😀', cut: true });
    expect(cleanText('😀😀😀😀', 4)).toEqual({ text: '😀😀😀😀', cut: false });
  });

  it('treats null and blank as empty', () => {
    expect(cleanName(null)).toEqual({ text: '', cut: false });
    expect(cleanName(' \u0000 ').text).toBe('');
  });

  it('cleans emails and drops blank or over-long ones', () => {
    expect(cleanEmail(' a@b.example\u0000\n')).toBe('a@b.example');
    expect(cleanEmail('  ')).toBeNull();
    expect(cleanEmail(undefined)).toBeNull();
    expect(cleanEmail(`${'a'.repeat(260)}@b.example`)).toBeNull();
  });

  it('gives plain ASCII text the same verdict as the full cleaning, at and past the cap', () => {
    expect(cleanText('Acme Inc.', 9)).toEqual({ text: 'Acme Inc.', cut: false });
    expect(cleanText('Acme Inc.', 8)).toEqual({ text: 'Acme Inc', cut: true });
    expect(cleanText('Acme  Inc. ', 20)).toEqual({ text: 'Acme Inc.', cut: false });
    expect(cleanText(' Acme', 20)).toEqual({ text: 'Acme', cut: false });
    expect(cleanText('Ac\u007fme', 20)).toEqual({ text: 'Acme', cut: false });
    expect(cleanText('~!x@y.example', 20)).toEqual({ text: '~!x@y.example', cut: false });
  });
});
