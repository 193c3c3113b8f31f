import { cleanCompanyName } from '../../../src/app/use-cases/managed-companies.js';
import { CsvError, parseCsvRecords } from './csv.js';

/** The core refuses longer names (managed-companies.ts); such rows are reported, not sent. */
const MAX_NAME = 200;

export interface CompanyRow {
  readonly line: number;
  readonly name: string;
  /** The row's `domain` cell split into domains as typed; empty without the column. */
  readonly domains: readonly string[];
}

export type SkipReason =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long' }
  | { readonly kind: 'repeat'; readonly firstLine: number }
  /** The same name once normalised as `existingName`, a managed company or an earlier row. */
  | { readonly kind: 'present'; readonly existingName: string }
  /** A domain of the row refused as `/psa companies domain` refuses it; `hint` names the rule. */
  | { readonly kind: 'domain'; readonly domain: string; readonly hint: string };

export interface SkippedRow {
  readonly line: number;
  readonly name: string;
  readonly reason: SkipReason;
}

/** The text of a CSV file: UTF-8, or Windows-1252 (Latin-1) with a warning when it is not UTF-8. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; warning: string | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warning: null };
  } catch {
    // Spreadsheets on Windows still save "CSV" in the ANSI code page; reading it as UTF-8 would
    // store U+FFFD in place of every accent.
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning:
        'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1). Check the accents below, or save the file as UTF-8.',
    };
  }
}

/** Several domains share one cell, separated by semicolons or spaces ("acme.com; acme.de"). */
const DOMAIN_SEPARATORS = /[\s;]+/;

/**
 * The rows of the `name` column (header matched case-insensitively; other columns are ignored),
 * cleaned as the core cleans names, with every row that cannot be added and why: an empty name,
 * a name too long, or a repeat (any case) of an earlier row. An optional `domain` (or `domains`)
 * column gives each row's domains; the core checks them.
 */
export function readCompanyCsv(text: string): { rows: CompanyRow[]; skipped: SkippedRow[] } {
  const [header, ...records] = parseCsvRecords(text);
  if (header === undefined)
    throw new CsvError('the file is empty; it needs a header line with a "name" column');
  const column = header.cells.findIndex((cell) => cell.trim().toLowerCase() === 'name');
  if (column === -1) throw new CsvError('the header line has no "name" column');
  const domainColumn = header.cells.findIndex((cell) =>
    ['domain', 'domains'].includes(cell.trim().toLowerCase()),
  );
  const firstLineOf = new Map<string, number>();
  const rows: CompanyRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const { line, cells } of records) {
    const name = cleanCompanyName(cells[column] ?? '');
    const key = name.toLowerCase();
    const firstLine = firstLineOf.get(key);
    if (name === '') skipped.push({ line, name, reason: { kind: 'empty' } });
    else if (name.length > MAX_NAME) skipped.push({ line, name, reason: { kind: 'too-long' } });
    else if (firstLine !== undefined) skipped.push({ line, name, reason: { kind: 'repeat', firstLine } });
    else {
      firstLineOf.set(key, line);
      const domainCell = domainColumn === -1 ? '' : (cells[domainColumn] ?? '');
      rows.push({
        line,
        name,
        domains: domainCell.split(DOMAIN_SEPARATORS).filter((domain) => domain !== ''),
      });
    }
  }
  return { rows, skipped };
}

/** The names of `readCompanyCsv`, in file order. */
export function companyNamesFromCsv(text: string): string[] {
  return readCompanyCsv(text).rows.map((row) => row.name);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function because(reason: SkipReason): string {
  switch (reason.kind) {
    case 'empty':
      return 'the name is empty';
    case 'too-long':
      return `the name is longer than ${MAX_NAME} characters`;
    case 'repeat':
      return `repeats line ${reason.firstLine}`;
    case 'present':
      return `the same name as "${reason.existingName}" once normalised`;
    case 'domain':
      return `the domain "${reason.domain.length > 60 ? `${reason.domain.slice(0, 57)}...` : reason.domain}" is refused: ${reason.hint}`;
  }
}

/** "Added 1 managed company; 2 rows not added:" and one line per row not added, in file order. */
export function importReport(added: number, skipped: readonly SkippedRow[]): string {
  const head = `Added ${plural(added, 'managed company', 'managed companies')}`;
  if (skipped.length === 0) return `${head}.\n`;
  const lines = [...skipped]
    .sort((a, b) => a.line - b.line)
    .map((row) => {
      const name =
        row.name === '' ? '' : ` "${row.name.length > 60 ? `${row.name.slice(0, 57)}...` : row.name}"`;
      return `  line ${row.line}${name}: ${because(row.reason)}\n`;
    });
  return `${head}; ${plural(skipped.length, 'row', 'rows')} not added:\n${lines.join('')}`;
}
