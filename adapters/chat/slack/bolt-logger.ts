import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../../src/ports/logger.js';

/**
 * Bolt and the WebClient log through this, into our logger. Their messages can contain request
 * bodies at debug level, so debug lines are dropped entirely: bodies may carry modal input.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]): string =>
    parts
      .map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : ''))
      .join(' ')
      .slice(0, 500);
  return {
    debug: () => {},
    info: (...parts: unknown[]) => logger.info({ source: 'slack-sdk' }, text(parts)),
    warn: (...parts: unknown[]) => logger.warn({ source: 'slack-sdk' }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ source: 'slack-sdk' }, text(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
