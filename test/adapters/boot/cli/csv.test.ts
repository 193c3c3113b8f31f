import { describe, expect, it } from 'vitest';
import { CsvError, companyNamesFromCsv, parseCsv } from '../../../../adapters/boot/cli/csv.js';

describe('CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,note\n"Acme, Inc.","say ""hi"""\n"Two\nLines",x\n')).toEqual([
      ['name', 'note'],
      ['Acme, Inc.', 'say "hi"'],
      ['Two\nLines', 'x'],
    ]);
  });

  it('handles a BOM, CRLF, blank lines, empty fields and no final line break', () => {
    expect(parseCsv('\uFEFFname,x\r\n\r\nA,\r\n,B\r\n"",C')).toEqual([
      ['name', 'x'],
      ['A', ''],
      ['', 'B'],
      ['', 'C'],
    ]);
  });

  it.each([
    ['name\n"unclosed', /not closed/],
    ['name\nab"c', /quote inside an unquoted field/],
    ['name\n"a"b', /after a closing quote/],
  ])('rejects malformed input %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it('takes the name column, trimmed, without blanks or repeats', () => {
    const text =
      'id,Name ,city\r\n1, Acme Inc ,Paris\r\n2,,Oslo\r\n3,ACME INC,Rome\r\n4,"Smith & Sons, LLC",Bern\r\n';
    expect(companyNamesFromCsv(text)).toEqual(['Acme Inc', 'Smith & Sons, LLC']);
  });

  it('needs a name column', () => {
    expect(() => companyNamesFromCsv('company\nAcme\n')).toThrow(/no "name" column/);
    expect(() => companyNamesFromCsv('')).toThrow(/empty/);
  });
});
