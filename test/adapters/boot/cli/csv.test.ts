import { describe, expect, it } from 'vitest';
import {
  companyNamesFromCsv,
  decodeCsvBytes,
  importReport,
  readCompanyCsv,
} from '../../../../adapters/boot/cli/company-csv.js';
import { CsvError, parseCsv, parseCsvRecords } from '../../../../adapters/boot/cli/csv.js';

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

  it('numbers each row by the line it starts on', () => {
    expect(parseCsvRecords('name\n"Two\nLines"\n\nC\r\nD').map((record) => record.line)).toEqual([
      1, 2, 5, 6,
    ]);
  });

  it('reports every row it will not add, and why, keeping extra columns out of the way', () => {
    const text =
      'name,domain\nAcme,acme.test\n,empty.test\n  \u0007 ,bell.test\nACME ,dup.test\nGlobex,globex.test\n';
    expect(readCompanyCsv(text)).toEqual({
      rows: [
        { line: 2, name: 'Acme', domains: ['acme.test'] },
        { line: 6, name: 'Globex', domains: ['globex.test'] },
      ],
      skipped: [
        { line: 3, name: '', reason: { kind: 'empty' } },
        { line: 4, name: '', reason: { kind: 'empty' } },
        { line: 5, name: 'ACME', reason: { kind: 'repeat', firstLine: 2 } },
      ],
    });
    expect(readCompanyCsv(`name\n${'x'.repeat(201)}\n`).skipped[0]?.reason).toEqual({ kind: 'too-long' });
  });

  it('reads an optional domain column: several domains per cell, by semicolons or spaces', () => {
    const text = 'Domains,name\n"acme.com; acme.de  www.acme.fr",Acme\n,Globex\n';
    expect(readCompanyCsv(text).rows).toEqual([
      { line: 2, name: 'Acme', domains: ['acme.com', 'acme.de', 'www.acme.fr'] },
      { line: 3, name: 'Globex', domains: [] },
    ]);
    expect(readCompanyCsv('name\nAcme\n').rows).toEqual([{ line: 2, name: 'Acme', domains: [] }]);
  });
});

describe('CSV decoding', () => {
  it('reads UTF-8 without a warning', () => {
    expect(decodeCsvBytes(Buffer.from('name\nSociété Générale\n', 'utf8'))).toEqual({
      text: 'name\nSociété Générale\n',
      warning: null,
    });
  });

  it('reads a Latin-1 file as Windows-1252 with a warning, never as U+FFFD', () => {
    const decoded = decodeCsvBytes(Buffer.from('name\nSociété Générale\n', 'latin1'));
    expect(decoded.text).toBe('name\nSociété Générale\n');
    expect(decoded.text).not.toContain('\uFFFD');
    expect(decoded.warning).toMatch(/not valid UTF-8/);
  });
});

describe('CSV import report', () => {
  it.each([
    [1, 'Added 1 managed company.\n'],
    [0, 'Added 0 managed companies.\n'],
    [2, 'Added 2 managed companies.\n'],
  ])('counts %i with the right plural', (added, text) => {
    expect(importReport(added, [])).toBe(text);
  });

  it('lists the rows not added in file order', () => {
    expect(
      importReport(1, [
        { line: 4, name: 'Acme', reason: { kind: 'present', existingName: 'ACME, Inc.' } },
        { line: 2, name: '', reason: { kind: 'empty' } },
        { line: 3, name: 'GLOBEX', reason: { kind: 'repeat', firstLine: 1 } },
      ]),
    ).toBe(
      'Added 1 managed company; 3 rows not added:\n' +
        '  line 2: the name is empty\n' +
        '  line 3 "GLOBEX": repeats line 1\n' +
        '  line 4 "Acme": the same name as "ACME, Inc." once normalised\n',
    );
    expect(
      importReport(0, [
        {
          line: 3,
          name: 'Free Co',
          reason: {
            kind: 'domain',
            domain: 'gmail.com',
            hint: 'a free-mail domain never identifies a client',
          },
        },
      ]),
    ).toBe(
      'Added 0 managed companies; 1 row not added:\n  line 3 "Free Co": the domain "gmail.com" is refused: a free-mail domain never identifies a client\n',
    );
    expect(importReport(0, [{ line: 2, name: '', reason: { kind: 'empty' } }])).toMatch(
      /^Added 0 managed companies; 1 row not added:/,
    );
  });
});
