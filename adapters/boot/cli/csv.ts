/**
 * A small RFC 4180 reader for operator files (bulk company lists): quoted fields with doubled
 * quotes, commas and line breaks inside quotes, CRLF or LF, a UTF-8 byte-order mark, and a last
 * line with or without its line break. Blank lines are skipped.
 */
export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** One row and the line it starts on (a quoted field may span lines), for reports. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => [...record.cells]);
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRecord[] = [];
  let row: string[] = [];
  let rowLine = 1;
  let field = '';
  /** Inside "…". */
  let quoted = false;
  /** Just after a closing quote: only a comma or a line break may follow. */
  let closed = false;
  let line = 1;

  const endField = (): void => {
    row.push(field);
    field = '';
    closed = false;
  };
  const endRow = (): void => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push({ line: rowLine, cells: row });
    row = [];
  };

  for (let i = 0; i < input.length; i += 1) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
        closed = true;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      // CRLF counts once: the \r ends the row and the \n after it is skipped.
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else if (closed) {
      throw new CsvError(`line ${line}: text after a closing quote`);
    } else if (char === '"') {
      if (field !== '') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is not closed`);
  if (field !== '' || closed || row.length > 0) endRow();
  return rows;
}
