import type { DiffLine } from '../../../src/app/bot-api.js';
import { csvLine } from '../../../src/app/review-csv.js';

const HEADER = [
  'psa_id',
  'name',
  'status',
  'reason',
  'candidates',
  'psa_type',
  'psa_active',
  'last_import',
] as const;

/** The read-only diff as CSV (formula-safe cells, CRLF, one row per company). */
export function diffCsv(lines: readonly DiffLine[]): string {
  let out = csvLine(HEADER);
  for (const line of lines) {
    const candidates = line.candidates.map((c) => `${c.name} [${c.id}]: ${c.reason}`).join(' | ');
    out += csvLine([
      line.psaCompanyId,
      line.name,
      line.status,
      line.reason,
      candidates,
      line.typeNames.join('; '),
      line.active,
      line.lastImportedAt,
    ]);
  }
  return out;
}

export function diffJson(lines: readonly DiffLine[]): string {
  return `${JSON.stringify(lines, null, 2)}\n`;
}
