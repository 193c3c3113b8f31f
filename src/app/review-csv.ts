import type { Repositories } from '../ports/storage.js';
import { streamRows } from './run-rows.js';

/**
 * A cell that starts with = + - @ (or tab/CR) would run as a formula in a spreadsheet; PSA text is
 * untrusted, so such cells get a leading apostrophe. Quotes are doubled per RFC 4180.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const REVIEW_CSV_HEADER = [
  'psa_id',
  'name',
  'import_status',
  'reason',
  'candidates',
  'psa_type',
  'psa_status',
  'psa_active',
  'last_import',
  'decision',
] as const;

/** The full review of a run, for large diffs that do not fit in a chat message; read in chunks. */
export async function reviewCsv(repos: Repositories, runId: string): Promise<string> {
  const lines: string[] = [csvLine(REVIEW_CSV_HEADER)];
  for await (const chunk of streamRows(
    (after, limit) => repos.runRows.companiesAfter(runId, after, limit),
    (record) => record.row.company.psaId,
  )) {
    for (const { row, decision } of chunk) {
      lines.push(
        csvLine([
          row.company.psaId,
          row.company.name,
          row.status,
          row.candidates.map((c) => c.reason).join('; '),
          row.candidates.map((c) => c.companyName).join('; '),
          row.company.typeNames.join('; '),
          row.company.statusName,
          row.company.active,
          row.lastImportedAt,
          decision.kind === 'map' ? `map:${decision.companyId}` : decision.kind,
        ]),
      );
    }
  }
  for (const row of await repos.runRows.missing(runId)) {
    lines.push(
      csvLine([
        row.psaCompanyId,
        row.managedCompanyName,
        'not-in-psa',
        row.reason,
        '',
        '',
        '',
        null,
        row.lastImportedAt,
        'none',
      ]),
    );
  }
  return lines.join('');
}
