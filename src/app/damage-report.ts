import type { DamagedRecord } from '../ports/damaged-record.js';
import type { Logger } from '../ports/logger.js';

/** Logs the damaged records a background job skipped. */
export type DamageReport = (damaged: readonly DamagedRecord[]) => void;

/**
 * One error line per damaged record for the life of the process: the job meets the record again
 * every round, and repeating the line would bury everything else. The error goes under pino's
 * `err` key, its cause kept; the fields are the code, the table and the id, never stored values.
 */
export function damageReporter(logger: Logger): DamageReport {
  const reported = new Set<string>();
  return (damaged) => {
    for (const { table, id, error } of damaged) {
      const key = `${table}:${id}`;
      if (reported.has(key)) continue;
      reported.add(key);
      logger.error({ err: error, code: error.code, table, id }, 'damaged record skipped');
    }
  };
}
